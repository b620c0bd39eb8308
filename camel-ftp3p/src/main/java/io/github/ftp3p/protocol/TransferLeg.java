package io.github.ftp3p.protocol;

import java.time.Duration;

/**
 * One side's transfer command (RETR or STOR) and the replies it got: an optional 1yz, then a final reply
 * or a failure. Written by the thread that reads the side's replies, read by the one that coordinates.
 */
final class TransferLeg {

    private final ControlConnection connection;
    private final FtpCommand command;
    private volatile FtpReply preliminary;
    private volatile FtpReply last;
    private volatile FtpTransferException failure;

    TransferLeg(ControlConnection connection, FtpCommand command) {
        this.connection = connection;
        this.command = command;
    }

    /**
     * Reads this side's replies to the end of its transfer. The first reply must come within the reply
     * timeout; the final one within {@code transferTimeout} (zero: no limit).
     */
    TransferLeg await(Duration replyTimeout, Duration transferTimeout) {
        try {
            FtpReply reply = connection.readReply(command, replyTimeout);
            if (reply.isPreliminary()) {
                preliminary = reply;
                reply = connection.readReply(command, transferTimeout);
            }
            last = reply;
            if (!reply.isPositive()) {
                failure = new FtpReplyException(connection.side(), command, reply);
            }
        } catch (FtpTransferException e) {
            failure = e;
        }
        return this;
    }

    ControlConnection connection() {
        return connection;
    }

    Side side() {
        return connection.side();
    }

    FtpCommand command() {
        return command;
    }

    boolean started() {
        return preliminary != null;
    }

    boolean succeeded() {
        return failure == null && last != null;
    }

    /** The final reply, or null when none came. */
    FtpReply last() {
        return last;
    }

    FtpTransferException failure() {
        return failure;
    }
}
