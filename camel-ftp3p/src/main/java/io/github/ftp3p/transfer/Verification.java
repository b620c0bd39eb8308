package io.github.ftp3p.transfer;

/** How a copy is proven, since in FXP this host never sees the bytes. */
public enum Verification {

    /** Nothing beyond both servers' 226. A move is still size-checked before the source is removed. */
    NONE,
    /** SIZE on both sides, in binary mode, must match (RFC 3659 section 4). */
    SIZE,
    /**
     * The strongest hash both servers offer (FEAT: HASH, XSHA256, XSHA1, XMD5, MD5); when they share none,
     * SIZE, with one WARN per server pair.
     */
    CHECKSUM
}
