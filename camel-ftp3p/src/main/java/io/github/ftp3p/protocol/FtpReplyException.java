package io.github.ftp3p.protocol;

/** A server answered a command with a reply that does not let the transfer go on. */
public final class FtpReplyException extends FtpTransferException {

    public FtpReplyException(Side side, FtpCommand command, FtpReply reply) {
        this(side, command, reply, "");
    }

    /** @param context said after the reply, e.g. " (logging in as partner at host-a:2121)" */
    public FtpReplyException(Side side, FtpCommand command, FtpReply reply, String context) {
        super(side, command, reply, "The " + describe(side, command) + ": " + reply.text() + context, null);
    }

    /** 421: the server is closing the control connection (RFC 959 section 4.2). */
    @Override
    public boolean connectionLost() {
        return reply().code() == 421;
    }
}
