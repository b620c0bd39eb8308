package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.ftp3p.pool.ConnectionPool;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.FxpTransfer;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TransferOutcome;
import io.github.ftp3p.protocol.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies and moves files from one FTP server to another without the data passing through this host.
 * Holds a connection pool per side; safe for concurrent use (each transfer borrows its own connections).
 * <p>
 * A transfer: SIZE on the source (a missing file fails here, before the target is touched), the FXP
 * handshake in each allowed orientation until one works, SIZE on the target to verify, then DELE on the
 * source for a move. A failed attempt removes what it may have written on the target and never touches
 * the source. A connection found dead before anything was written is replaced once.
 */
public final class FxpClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxpClient.class);

    private final FtpServerAddress source;
    private final FtpServerAddress target;
    private final FxpSettings settings;
    private final Executor executor;
    private final ConnectionPool sourcePool;
    private final ConnectionPool targetPool;

    /** @param executor runs the threads that read each side's replies during a transfer (two per transfer) */
    public FxpClient(FtpServerAddress source, FtpServerAddress target, FxpSettings settings, Executor executor) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.executor = executor;
        this.sourcePool = new ConnectionPool(Side.SOURCE, source, settings.connection(), settings.maxConnections(),
                settings.noopAfterIdle());
        this.targetPool = new ConnectionPool(Side.TARGET, target, settings.connection(), settings.maxConnections(),
                settings.noopAfterIdle());
    }

    public TransferResult transfer(TransferRequest request) {
        long started = System.nanoTime();
        String sourcePath = source.resolve(request.sourceName());
        String targetPath = target.resolve(request.targetName());
        boolean retried = false;
        while (true) {
            Lease lease = new Lease();
            try {
                return transfer(lease, request, sourcePath, targetPath, started);
            } catch (FtpTransferException e) {
                if (retried || !e.connectionLost() || e instanceof VerificationException || lease.targetTouched) {
                    throw e;
                }
                retried = true;
                LOG.info("The {} connection was lost before anything was written ({}); retrying once on a new connection",
                        e.side().label(), e.getMessage());
            } finally {
                lease.close();
            }
        }
    }

    private TransferResult transfer(Lease lease, TransferRequest request, String sourcePath, String targetPath, long started) {
        long sourceSize = size(lease.source(), sourcePath, true);
        TransferOutcome outcome = null;
        List<Side> orientations = settings.passiveSide().orientations();
        for (int i = 0; i < orientations.size(); i++) {
            Side passive = orientations.get(i);
            outcome = new FxpTransfer(lease.source(), lease.target(), passive, settings.transfer(),
                    settings.connection().replyTimeout(), executor).run(sourcePath, targetPath);
            lease.targetTouched |= outcome.succeeded() || outcome.targetTouched();
            if (outcome.succeeded()) {
                break;
            }
            if (outcome.targetTouched()) {
                removeTarget(lease, targetPath);
            }
            boolean more = i + 1 < orientations.size();
            if (!outcome.orientationRefused() || !more) {
                throw outcome.failure();
            }
            LOG.info("FXP with the {} passive failed ({}); trying with the {} passive", passive.label(),
                    outcome.failure().getMessage(), orientations.get(i + 1).label());
        }
        long targetSize = size(lease.target(), targetPath, false);
        if (sourceSize >= 0 && targetSize >= 0 && sourceSize != targetSize) {
            removeTarget(lease, targetPath);
            throw new VerificationException(FtpCommand.of("SIZE", targetPath), "Copy of " + sourcePath + " to " + targetPath
                    + " does not match: the source has " + sourceSize + " bytes, the target " + targetSize
                    + "; the target copy was removed");
        }
        boolean deleted = false;
        if (request.deleteSource()) {
            if (sourceSize < 0 || targetSize < 0) {
                Side without = sourceSize < 0 ? Side.SOURCE : Side.TARGET;
                throw new VerificationException(FtpCommand.of("SIZE", without == Side.SOURCE ? sourcePath : targetPath),
                        "Cannot verify the copy of " + sourcePath + ": the " + without.label()
                                + " server does not answer SIZE; the source was kept");
            }
            lease.source().expectPositive(FtpCommand.of("DELE", sourcePath));
            deleted = true;
        }
        return new TransferResult(sourcePath, targetPath, targetSize, outcome.passiveSide(), outcome.sourceReply(),
                outcome.targetReply(), Duration.ofNanos(System.nanoTime() - started), deleted);
    }

    /**
     * The size in bytes, or -1 when the server has no SIZE (500/502, RFC 3659 section 4). On the source a
     * 550 means the file is missing: that fails the transfer before the target is touched.
     */
    private static long size(ControlConnection connection, String path, boolean required) {
        FtpCommand command = FtpCommand.of("SIZE", path);
        FtpReply reply = connection.execute(command);
        if (reply.code() == 213) {
            try {
                return Long.parseLong(reply.text().substring(4).trim());
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return -1;
            }
        }
        if (reply.code() == 500 || reply.code() == 502 || !required) {
            return -1;
        }
        throw new FtpReplyException(connection.side(), command, reply);
    }

    private void removeTarget(Lease lease, String targetPath) {
        FtpCommand dele = FtpCommand.of("DELE", targetPath);
        try {
            FtpReply reply = lease.target().execute(dele);
            LOG.debug("Removed the partial target {}: {}", targetPath, reply);
        } catch (FtpTransferException e) {
            LOG.warn("Could not remove the partial target file {} on {}: {}", targetPath, target, e.getMessage());
        }
    }

    /** Connections lent out now, per side. */
    public int activeConnections(Side side) {
        return pool(side).active();
    }

    /** Connections opened since start, per side: each cost one login. */
    public long connectionsCreated(Side side) {
        return pool(side).created();
    }

    private ConnectionPool pool(Side side) {
        return side == Side.SOURCE ? sourcePool : targetPool;
    }

    @Override
    public void close() {
        sourcePool.close();
        targetPool.close();
    }

    /**
     * The two connections of one transfer. A connection left in an unknown state (aborted, lost) is replaced
     * on next use; both go back to their pools (or are closed) at the end.
     */
    private final class Lease implements AutoCloseable {

        private ControlConnection sourceConnection;
        private ControlConnection targetConnection;
        /** This transfer may have written on the target: retrying on a new connection is no longer harmless. */
        private boolean targetTouched;

        ControlConnection source() {
            sourceConnection = usable(sourcePool, sourceConnection);
            return sourceConnection;
        }

        ControlConnection target() {
            targetConnection = usable(targetPool, targetConnection);
            return targetConnection;
        }

        private ControlConnection usable(ConnectionPool pool, ControlConnection current) {
            if (current != null && current.isReusable()) {
                return current;
            }
            if (current != null) {
                pool.invalidate(current);
            }
            return pool.borrow();
        }

        @Override
        public void close() {
            if (sourceConnection != null) {
                sourcePool.release(sourceConnection);
            }
            if (targetConnection != null) {
                targetPool.release(targetConnection);
            }
        }
    }
}
