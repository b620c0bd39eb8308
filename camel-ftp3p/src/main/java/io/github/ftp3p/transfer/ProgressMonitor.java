package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.ftp3p.pool.ConnectionPool;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.TransferListener;
import io.github.ftp3p.protocol.TransferProgress;
import io.github.ftp3p.protocol.TransferStalledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches running FXP transfers from a connection of its own to the target: FXP bytes never pass this host, so
 * the target's SIZE of the file being written is the only measure (as FluentFTP does; lftp's STAT during a
 * transfer is mangled by some servers). Reports progress, and calls {@code onStall} once when the file has not
 * grown for the stall timeout.
 * <p>
 * Two parts, so that a silent server can hold neither this transfer nor anyone else's:
 * <ul>
 * <li>polls, every {@code progressInterval}, on the client's executor: SIZE over a connection opened outside the
 * pool (so a busy pool never turns detection off), each bounded by the connect and reply timeouts, at most one
 * at a time. A poll that fails or gets no answer counts as no growth, and its connection is replaced next time;</li>
 * <li>a watchdog on the scheduler that only compares times: {@code stallTimeout} after the last growth it fires.
 * {@code onStall} runs on the executor; it is expected to close the transfer's control connections, which ends
 * every read blocked on them.</li>
 * </ul>
 * A target that answers SIZE with anything but 213 or 550 shows no progress: with a transfer timeout, that
 * timeout bounds the transfer and the polls stop; without one, such answers count as no growth, so the
 * transfer is aborted after the stall timeout rather than never.
 * <p>
 * How to use it: {@link #start} when the transfer commands are about to be sent, {@link #close} when the
 * transfer (or the batch) ended, in a {@code finally}. {@code current} says what is written now: a single
 * transfer supplies one {@link Watch}; a pipelined batch keeps one monitor for the whole batch (one connection,
 * not one per file) and supplies the {@link Watch} of the file whose STOR runs now, or null between files
 * (nothing polled, the stall clock held). Another watch than the last one counts as progress: a new file
 * started.
 */
final class ProgressMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);

    /**
     * One file being written.
     *
     * @param command  the target's transfer command (STOR or APPE); its argument is the file polled
     * @param total    the bytes expected, -1 when unknown
     * @param listener hears of the progress
     */
    record Watch(FtpCommand command, LongSupplier total, TransferListener listener) {
    }

    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final ConnectionPool targetPool;
    private final Supplier<Watch> current;
    private final long stallNanos;
    /** No transfer timeout: a target without SIZE must count as stalled, or nothing would end its transfer. */
    private final boolean noSizeIsStall;
    private final Consumer<FtpTransferException> onStall;
    private final long started = System.nanoTime();
    private final ScheduledFuture<?> ticks;
    private ScheduledFuture<?> watchdog;
    private Watch watched;
    private long lastBytes = -1;
    private long lastGrowth = started;
    private String lastProblem;
    private boolean polling;
    private boolean closed;
    private ControlConnection connection;

    private ProgressMonitor(FxpClient client, Supplier<Watch> current, Consumer<FtpTransferException> onStall) {
        FxpSettings settings = client.settings;
        this.executor = client.executor;
        this.scheduler = client.scheduler;
        this.targetPool = client.targetPool;
        this.current = current;
        this.stallNanos = settings.stallTimeout().toNanos();
        this.noSizeIsStall = settings.transfer().transferTimeout().isZero();
        this.onStall = onStall;
        synchronized (this) {
            // The stall clock runs from now for what is written now; from the first watch for a batch.
            watched = current.get();
        }
        long interval = settings.progressInterval().toNanos();
        this.ticks = scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.NANOSECONDS);
        if (stallNanos > 0) {
            synchronized (this) {
                watchdog = scheduler.schedule(this::check, stallNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * Starts watching: the first poll comes after one {@code progressInterval}, so short transfers cost nothing.
     *
     * @param current what is written now, or null while nothing is
     * @param onStall ends the transfer (closes its control connections); called at most once, not after close
     */
    static ProgressMonitor start(FxpClient client, Supplier<Watch> current, Consumer<FtpTransferException> onStall) {
        return new ProgressMonitor(client, current, onStall);
    }

    /** On the scheduler: notes a new file, and starts a poll on the executor unless one still runs. */
    private void tick() {
        synchronized (this) {
            if (closed) {
                return;
            }
            follow(current.get());
            if (polling) {
                return;
            }
            polling = true;
        }
        try {
            executor.execute(this::poll);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                polling = false; // the client is stopping; close() follows
            }
        }
    }

    /** On the scheduler: fires the stall, or looks again when it could next be due. Never waits for I/O. */
    private void check() {
        FtpTransferException stall;
        synchronized (this) {
            if (closed) {
                return;
            }
            follow(current.get());
            long idle = System.nanoTime() - lastGrowth;
            if (idle < stallNanos) {
                watchdog = scheduler.schedule(this::check, stallNanos - idle, TimeUnit.NANOSECONDS);
                return;
            }
            stall = new TransferStalledException(watched.command(), lastBytes, Duration.ofNanos(idle), lastProblem);
        }
        close();
        LOG.debug("Stall: {}", stall.getMessage());
        try {
            executor.execute(() -> onStall.accept(stall));
        } catch (RejectedExecutionException e) {
            onStall.accept(stall);
        }
    }

    /** Another watch than the last one is a new file: progress. None (between files) holds the clock. */
    private void follow(Watch watch) {
        if (watch == null || watched == null || !watch.command().equals(watched.command())) {
            lastGrowth = System.nanoTime();
            lastBytes = -1;
            lastProblem = null;
        }
        if (watch != null) {
            watched = watch;
        }
    }

    /** On the executor: one SIZE of the file being written. */
    private void poll() {
        ControlConnection used = null;
        try {
            Watch watch = current.get();
            if (watch == null) {
                return;
            }
            used = connection();
            if (used == null) {
                return;
            }
            FtpCommand size = FtpCommand.of("SIZE", watch.command().argument());
            FtpReply reply = used.execute(size);
            if (reply.code() == 213 || reply.code() == 550) {
                // 550: the server has not created the file yet.
                measured(watch, Math.max(0, reply.sizeValue()));
            } else {
                noSize(reply);
            }
        } catch (FtpTransferException e) {
            LOG.debug("Progress poll failed: {}", e.getMessage());
            synchronized (this) {
                lastProblem = e.getMessage();
                if (connection == used) {
                    connection = null;
                } else {
                    used = null; // close() took it
                }
            }
            if (used != null) {
                targetPool.release(used);
            }
        } finally {
            synchronized (this) {
                polling = false;
            }
        }
    }

    /** The monitor's connection, opened on first use; null once closed. */
    private ControlConnection connection() {
        synchronized (this) {
            if (closed || connection != null) {
                return connection;
            }
        }
        ControlConnection opened = targetPool.openOutside();
        synchronized (this) {
            if (!closed) {
                connection = opened;
                return opened;
            }
        }
        opened.abandon();
        targetPool.release(opened);
        return null;
    }

    private void measured(Watch watch, long bytes) {
        long now = System.nanoTime();
        synchronized (this) {
            if (closed) {
                return;
            }
            follow(watch);
            lastProblem = null;
            if (bytes > lastBytes) {
                lastBytes = bytes;
                lastGrowth = now;
            }
        }
        watch.listener().progress(new TransferProgress(watch.command().argument(), bytes, watch.total().getAsLong(),
                Duration.ofNanos(now - started)));
    }

    private void noSize(FtpReply reply) {
        if (noSizeIsStall) {
            synchronized (this) {
                lastProblem = "the target does not answer SIZE ('" + reply.text() + "'), so its progress cannot be "
                        + "seen: set transferTimeout to bound transfers to it instead";
            }
            return;
        }
        LOG.debug("The target answers SIZE with '{}': no progress to report; transferTimeout bounds the transfer",
                reply.text());
        close();
    }

    /** Stops the polls and the watchdog and closes the monitor's connection; a poll under way is broken off. */
    @Override
    public void close() {
        ControlConnection held;
        boolean busy;
        synchronized (this) {
            closed = true;
            held = connection;
            connection = null;
            busy = polling;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        ticks.cancel(false);
        if (held == null) {
            return;
        }
        if (busy) {
            held.abandon(); // wakes the poll blocked on it
        }
        try {
            // QUIT may wait for its reply: not on the transfer's thread.
            executor.execute(() -> targetPool.release(held));
        } catch (RejectedExecutionException e) {
            held.abandon();
            targetPool.release(held);
        }
    }
}
