package io.github.ftp3p.protocol;

/** A reply that breaks the protocol: a 227 or 229 whose text cannot be parsed, or a code out of order. */
public final class FtpProtocolException extends FtpTransferException {

    /** @param reply the reply, or null when none could be parsed */
    public FtpProtocolException(Side side, FtpCommand command, FtpReply reply, String problem) {
        super(side, command, reply, "The " + describe(side, command) + ": " + problem, null);
    }
}
