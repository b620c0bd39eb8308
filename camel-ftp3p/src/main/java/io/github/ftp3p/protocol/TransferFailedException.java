package io.github.ftp3p.protocol;

/**
 * A transfer ended by a failure that is no server's: a bug, or the JVM's own (out of memory for a thread, an
 * interrupted wait). Neither connection it held is reused. It has no side and no command; the cause says what
 * happened.
 */
public final class TransferFailedException extends FtpTransferException {

    public TransferFailedException(String file, RuntimeException cause) {
        super(null, null, "The transfer of " + file + " failed unexpectedly: " + cause, cause);
    }
}
