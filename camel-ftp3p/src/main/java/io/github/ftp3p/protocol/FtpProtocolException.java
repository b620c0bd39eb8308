package io.github.ftp3p.protocol;

/** A reply that breaks the protocol: a 227 or 229 whose text cannot be parsed, or a code out of order. */
public final class FtpProtocolException extends FtpTransferException {

    private final FtpReply reply;

    public FtpProtocolException(Side side, FtpCommand command, FtpReply reply, String problem) {
        super(side, command, "The " + describe(side, command) + ": " + problem, null);
        this.reply = reply;
    }

    @Override
    public int replyCode() {
        return reply.code();
    }

    @Override
    public String replyText() {
        return reply.text();
    }
}
