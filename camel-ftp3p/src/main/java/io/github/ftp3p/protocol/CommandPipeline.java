package io.github.ftp3p.protocol;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Commands sent on one control connection ahead of their replies. RFC 959 section 4.2 has a server answer
 * each command in turn, and a server reads the next command only once it has answered the previous one; so
 * commands written in one go are answered in the order they were written, and a command queued behind a
 * running transfer waits for it to end. Each command carries what to do with its reply.
 * <p>
 * Used by one thread at a time.
 */
public final class CommandPipeline {

    /** Commands answered with a preliminary 1yz, then a final reply once the data connection is done. */
    private static final Set<String> TRANSFER_VERBS = Set.of("RETR", "STOR", "APPE");

    /** What to do with a command's final reply; {@code started} says whether a 1yz came before it. */
    @FunctionalInterface
    public interface ReplyHandler {
        void accept(FtpReply reply, boolean started);
    }

    private record Entry(FtpCommand command, ReplyHandler handler, BooleanSupplier due, Runnable started) {
    }

    private final ControlConnection connection;
    private final Duration transferTimeout;
    private final boolean holdDuringTransfers;
    private final List<Entry> unsent = new ArrayList<>();
    private final Deque<Entry> awaiting = new ArrayDeque<>();

    /**
     * @param transferTimeout how long a transfer command's final reply may take after its 1yz; zero: no limit
     * @param holdDuringTransfers write nothing while a transfer command awaits its final reply, for servers that
     *                            read commands during a transfer and answer them out of turn, or drop them
     *                            (a server profile's queuesCommandsDuringTransfers)
     */
    public CommandPipeline(ControlConnection connection, Duration transferTimeout, boolean holdDuringTransfers) {
        this.connection = connection;
        this.transferTimeout = transferTimeout;
        this.holdDuringTransfers = holdDuringTransfers;
    }

    /** Queues a command whose reply comes as soon as the server reaches it. */
    public void add(FtpCommand command, ReplyHandler handler) {
        unsent.add(new Entry(command, handler, () -> true, () -> { }));
    }

    /**
     * Queues a transfer command whose reply only comes once {@code due} says so (a passive side's transfer command
     * answers only after the other server connected to it); {@code started} runs when its 1yz arrives, so that a
     * caller knows the server began the transfer even if the final reply is then lost with the connection.
     */
    public void add(FtpCommand command, ReplyHandler handler, BooleanSupplier due, Runnable started) {
        unsent.add(new Entry(command, handler, due, started));
    }

    /**
     * Sends the queued commands in one write; when holding during transfers, none while a transfer command awaits
     * its reply, and none after a transfer command. Returns how many were sent.
     */
    public int flush() {
        if (holdDuringTransfers && awaiting.stream().anyMatch(CommandPipeline::isTransfer)) {
            return 0;
        }
        int count = 0;
        while (count < unsent.size() && !(holdDuringTransfers && count > 0 && isTransfer(unsent.get(count - 1)))) {
            count++;
        }
        if (count == 0) {
            return 0;
        }
        List<Entry> sending = new ArrayList<>(unsent.subList(0, count));
        unsent.subList(0, count).clear();
        awaiting.addAll(sending);
        connection.sendAll(sending.stream().map(Entry::command).toList());
        return count;
    }

    private static boolean isTransfer(Entry entry) {
        return TRANSFER_VERBS.contains(entry.command().verb());
    }

    /**
     * Reads replies in order, handing each to its command's handler, until none is left or the next one is
     * not due yet, or right after the reply to a command whose verb is in {@code stopAfter} (the one the caller
     * acts on first; later replies wait for the next call). Returns how many. A failure to read (lost
     * connection, time-out) is thrown: the replies still awaited are then lost with the connection, and
     * forgotten here.
     */
    public int readDue(Set<String> stopAfter) {
        int count = 0;
        while (!awaiting.isEmpty() && awaiting.peekFirst().due().getAsBoolean()) {
            Entry entry = awaiting.peekFirst();
            FtpReply reply;
            boolean started = false;
            try {
                reply = connection.readReply(entry.command(), connection.replyTimeout());
                if (reply.isPreliminary() && isTransfer(entry)) {
                    started = true;
                    entry.started().run();
                    reply = finalReply(entry, transferTimeout);
                }
            } catch (FtpTransferException e) {
                awaiting.clear();
                throw e;
            }
            awaiting.removeFirst();
            count++;
            entry.handler().accept(reply, started);
            if (stopAfter.contains(entry.command().verb())) {
                break;
            }
        }
        return count;
    }

    /**
     * After the other connection was lost: reads the replies still due on this one, each within the reply timeout
     * (a transfer's final reply too), so that the caller learns what ran (a STOR that began) before giving the
     * connection up. Stops at the first reply that does not come; the connection is then broken.
     */
    public void drain() {
        try {
            while (!awaiting.isEmpty() && awaiting.peekFirst().due().getAsBoolean()) {
                Entry entry = awaiting.removeFirst();
                FtpReply reply = connection.readReply(entry.command(), connection.replyTimeout());
                boolean started = reply.isPreliminary() && isTransfer(entry);
                if (started) {
                    entry.started().run();
                    reply = finalReply(entry, connection.replyTimeout());
                }
                entry.handler().accept(reply, started);
            }
        } catch (FtpTransferException e) {
            awaiting.clear();
        }
    }

    /** The reply after a transfer's first 1yz: more 1yz may come first (110 restart markers, a second 150). */
    private FtpReply finalReply(Entry entry, Duration timeout) {
        FtpReply reply = connection.readReply(entry.command(), timeout);
        while (reply.isPreliminary()) {
            reply = connection.readReply(entry.command(), timeout);
        }
        return reply;
    }

    /** Whether commands are queued or sent and not yet answered. */
    public boolean isIdle() {
        return unsent.isEmpty() && awaiting.isEmpty();
    }

    /** Whether nothing is written while a transfer command awaits its reply. */
    public boolean holdsDuringTransfers() {
        return holdDuringTransfers;
    }

    public ControlConnection connection() {
        return connection;
    }
}
