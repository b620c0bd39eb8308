package io.github.ftp3p.protocol;

/**
 * A reply that cannot answer the command it was read for ({@link ReplyFit}): the server answered pipelined
 * commands out of turn, so no later reply on that connection can be matched to its command. The connection is
 * given up; the caller goes on without pipelining to that server.
 */
public final class OutOfOrderReplyException extends FtpTransferException {

    public OutOfOrderReplyException(Side side, FtpCommand command, FtpReply reply) {
        super(side, command, reply, "The " + describe(side, command) + ": the reply '" + reply.text()
                + "' cannot answer " + command.verb() + " (a reply out of order, or a server that breaks RFC 959)", null);
    }
}
