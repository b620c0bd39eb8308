package io.github.ftp3p.protocol;

/**
 * Protected (PROT P) data between two servers is impossible with this pair: neither can act as the TLS client
 * of the data connection, or only one side uses FTPS. ftp3p never falls back to clear data on its own.
 */
public final class DataProtectionException extends FtpTransferException {

    public DataProtectionException(String message) {
        super(Side.TARGET, null, message, null);
    }
}
