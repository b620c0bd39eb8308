package io.github.ftp3p.protocol;

/**
 * A data address that ftp3p refuses to hand to the other server, or cannot express: the address a passive
 * server announced breaks the address policy (a bounce to another host, a privileged port, a multicast
 * address...), or an IPv6 address would have to go into PORT. Nothing was sent to the active side.
 */
public final class DataAddressException extends FtpTransferException {

    public DataAddressException(Side side, FtpCommand command, String message) {
        super(side, command, "The " + describe(side, command) + ": " + message, null);
    }
}
