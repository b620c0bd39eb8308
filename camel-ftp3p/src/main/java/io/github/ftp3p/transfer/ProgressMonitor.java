package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

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
 * Watches a running FXP transfer from a third connection to the target: FXP bytes never pass this host, so
 * the target's SIZE of the file being written is the only measure (as FluentFTP does; lftp's STAT during a
 * transfer is mangled by some servers). Reports progress and calls {@code onStall} when the file has not
 * grown for the stall timeout. The first poll comes after one interval, so short transfers cost nothing.
 */
final class ProgressMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);

    private final ConnectionPool targetPool;
    private final FtpCommand size;
    private final LongSupplier total;
    private final Duration stallTimeout;
    private final TransferListener listener;
    private final Consumer<FtpTransferException> onStall;
    private final long started = System.nanoTime();
    private final ScheduledFuture<?> task;
    private ControlConnection connection;
    private long lastBytes = -1;
    private long lastGrowth = started;
    private boolean closed;

    ProgressMonitor(ScheduledExecutorService scheduler, ConnectionPool targetPool, String path, LongSupplier total,
            Duration interval, Duration stallTimeout, TransferListener listener, Consumer<FtpTransferException> onStall) {
        this.targetPool = targetPool;
        this.size = FtpCommand.of("SIZE", path);
        this.total = total;
        this.stallTimeout = stallTimeout;
        this.listener = listener;
        this.onStall = onStall;
        long millis = interval.toMillis();
        this.task = scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    private synchronized void poll() {
        if (closed) {
            return;
        }
        try {
            if (connection == null) {
                connection = targetPool.tryBorrow();
                if (connection == null) {
                    return; // every connection is busy: no progress this time rather than waiting for one
                }
            }
            FtpReply reply = connection.execute(size);
            if (reply.code() != 213 && reply.code() != 550) {
                // No SIZE on this server: nothing to measure, so no progress and no stall detection.
                LOG.debug("The target answers SIZE with '{}': not watching {}", reply.text(), size.argument());
                stop();
                return;
            }
            // 550: the server has not created the file yet.
            long bytes = Math.max(0, reply.sizeValue());
            long now = System.nanoTime();
            if (bytes > lastBytes) {
                lastBytes = bytes;
                lastGrowth = now;
            }
            listener.progress(new TransferProgress(size.argument(), bytes, total.getAsLong(), Duration.ofNanos(now - started)));
            Duration stalled = Duration.ofNanos(now - lastGrowth);
            if (!stallTimeout.isZero() && stalled.compareTo(stallTimeout) > 0) {
                stop();
                onStall.accept(new TransferStalledException(size, bytes, stalled));
            }
        } catch (RuntimeException e) {
            // A failed poll must not end the transfer; the next poll tries again on a new connection.
            LOG.debug("Progress poll of {} failed: {}", size.argument(), e.toString());
            release();
        }
    }

    private void stop() {
        closed = true;
        task.cancel(false);
    }

    /** The last size seen, or -1. */
    synchronized long lastBytes() {
        return lastBytes;
    }

    private void release() {
        if (connection != null) {
            targetPool.release(connection);
            connection = null;
        }
    }

    @Override
    public void close() {
        task.cancel(false);
        synchronized (this) {
            closed = true;
            release();
        }
    }
}
