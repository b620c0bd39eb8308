package io.github.ftp3p.protocol;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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
    /** Completed once the first reply (a 1yz or a final one) came, or reading failed. */
    private final CompletableFuture<Void> answered = new CompletableFuture<>();

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
            // More than one 1yz may come (Pure-FTPd answers an aborted RETR with a second 150; 110 restart
            // markers, RFC 959 section 4.2): the final reply is the first that is not preliminary.
            while (reply.isPreliminary()) {
                preliminary = reply;
                answered.complete(null);
                reply = connection.readReply(command, transferTimeout);
            }
            last = reply;
            if (!reply.isPositive()) {
                failure = new FtpReplyException(connection.side(), command, reply);
            }
        } catch (FtpTransferException e) {
            failure = e;
        } finally {
            answered.complete(null);
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

    /** Completes once the first reply came (or none can come); {@link #started} then says whether it was a 1yz. */
    CompletableFuture<Void> answered() {
        return answered;
    }

    /**
     * The command was refused outright: a final reply that is no broken data connection (425, 426), before any
     * 1yz: a name refused (553), a file missing (550), a quota (552).
     */
    boolean refusedOutright() {
        return !started() && refusedFile();
    }

    /** The server refused the file itself, before or after its 1yz: any reply failure but 425 and 426. */
    boolean refusedFile() {
        return failure instanceof FtpReplyException refusal && refusal.reply().isNegative() && !dataConnectionBroke(refusal);
    }

    static boolean dataConnectionBroke(FtpTransferException failure) {
        return failure instanceof FtpReplyException && (failure.replyCode() == 425 || failure.replyCode() == 426);
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
