package io.github.ftp3p.protocol;

/** A reply that breaks the protocol: a 227 or 229 whose text cannot be parsed, or a code out of order. */
public final class FtpProtocolException extends FtpTransferException {

    private final FtpReply reply;

    /** @param reply the reply, or null when none could be parsed */
    public FtpProtocolException(Side side, FtpCommand command, FtpReply reply, String problem) {
        super(side, command, "The " + describe(side, command) + ": " + problem, null);
        this.reply = reply;
    }

    /** The offending reply's code, or 0 when it was too malformed to have one. */
    @Override
    public int replyCode() {
        return reply == null ? 0 : reply.code();
    }

    @Override
    public String replyText() {
        return reply == null ? null : reply.text();
    }
}
