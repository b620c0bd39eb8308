package io.github.ftp3p.transfer;

/** What to do when the target file already exists; the same choices as camel-ftp's {@code fileExist}. */
public enum FileExist {

    /** Replace it (after the new copy is verified, when a temporary name is used). */
    OVERRIDE,
    /** Append the source to it (APPE, RFC 959 section 4.1.3); no temporary name. */
    APPEND,
    /** Fail the transfer; nothing is written. */
    FAIL,
    /** Skip the transfer and report success; the source is kept even for a move, as nothing was verified. */
    IGNORE,
    /** Rename the existing file away first (to {@code moveExisting}). */
    MOVE,
    /** Rename the temporary file to the final name without checking first; fail if the server refuses. */
    TRY_RENAME
}
