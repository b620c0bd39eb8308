package io.github.ftp3p.protocol;

/** Both servers reported success but the copy does not match the source; the target copy was removed. */
public final class VerificationException extends FtpTransferException {

    public VerificationException(FtpCommand command, String message) {
        super(Side.TARGET, command, message, null);
    }
}
