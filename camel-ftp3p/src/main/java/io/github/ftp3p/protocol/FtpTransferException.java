package io.github.ftp3p.protocol;

/**
 * A failed step of a transfer. Every subclass says which server failed ({@link #side()}) and on which
 * command ({@link #command()}, PASS masked), so a log line or a route's error handler needs nothing else.
 */
public abstract class FtpTransferException extends RuntimeException {

    private final Side side;
    private final FtpCommand command;
    private final FtpReply reply;

    protected FtpTransferException(Side side, FtpCommand command, String message, Throwable cause) {
        this(side, command, null, message, cause);
    }

    /** @param reply the reply the failure is about, or null when there was none */
    protected FtpTransferException(Side side, FtpCommand command, FtpReply reply, String message, Throwable cause) {
        super(message, cause);
        this.side = side;
        this.command = command;
        this.reply = reply;
    }

    /** The server that failed; null only for a {@link TransferFailedException}, which is no server's failure. */
    public Side side() {
        return side;
    }

    /** The command that failed, or {@code null} when the failure came before any command (connecting). */
    public FtpCommand command() {
        return command;
    }

    /** The reply the failure is about, or null when there was none. */
    public FtpReply reply() {
        return reply;
    }

    /** The reply code, or 0 when there was no reply. */
    public int replyCode() {
        return reply == null ? 0 : reply.code();
    }

    /** The reply text, or {@code null} when there was no reply. */
    public String replyText() {
        return reply == null ? null : reply.text();
    }

    /** True when the control connection is gone (reset, timeout, 421), so a fresh one may succeed. */
    public boolean connectionLost() {
        return false;
    }

    static String describe(Side side, FtpCommand command) {
        return command == null ? side.label() + " server" : side.label() + " server, " + command;
    }
}
