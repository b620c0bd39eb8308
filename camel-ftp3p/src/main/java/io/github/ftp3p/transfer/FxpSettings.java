package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.Objects;

import io.github.ftp3p.protocol.Arguments;
import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.PassiveSide;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TlsSettings;
import io.github.ftp3p.protocol.TransferOptions;

/**
 * Everything an {@link FxpClient} needs besides the two servers.
 *
 * @param passiveSide          which side gets PASV/EPSV, or AUTO to try the target, then the source
 * @param transfer             how each transfer is run
 * @param connection           how control connections are opened
 * @param maxConnections       the most control connections open at once to each side
 * @param maxWait              how long a transfer waits for a free connection to a side
 * @param noopAfterIdle        a pooled connection idle longer than this is checked with NOOP before use
 * @param verification         how a copy is proven
 * @param fileExist            what to do when the target file exists
 * @param tempPrefix           the target is written as tempPrefix + name and renamed once verified; null to
 *                             write the final name directly
 * @param autoCreate           create the target directory (MKD, one level at a time) when missing
 * @param preserveLastModified copy the source's modification time (MDTM) to the target (MFMT, SITE UTIME)
 * @param progressInterval     how often the target's SIZE is polled while a transfer runs
 * @param stallTimeout         a transfer whose target does not grow for this long is aborted; zero for never,
 *                             which needs a transfer timeout instead
 * @param resume               keep the temporary file of a broken transfer and continue from its size (REST) on
 *                             the next attempt, when both servers offer REST STREAM
 * @param fallback             what to do when FXP fails in every orientation
 * @param sourceTls            FTPS on the source, or null
 * @param targetTls            FTPS on the target, or null
 */
public record FxpSettings(PassiveSide passiveSide, TransferOptions transfer, ConnectionSettings connection,
        int maxConnections, Duration maxWait, Duration noopAfterIdle, Verification verification, FileExist fileExist,
        String tempPrefix, boolean autoCreate, boolean preserveLastModified, Duration progressInterval, Duration stallTimeout,
        boolean resume, Fallback fallback, TlsSettings sourceTls, TlsSettings targetTls) {

    /** How long a transfer waits for a free connection unless told otherwise. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);

    public FxpSettings {
        Objects.requireNonNull(passiveSide, "passiveSide");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(noopAfterIdle, "noopAfterIdle");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(fileExist, "fileExist");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(fallback, "fallback");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        if (tempPrefix != null && (tempPrefix.isEmpty() || tempPrefix.contains("/"))) {
            throw new IllegalArgumentException("tempPrefix must be a non-empty file name prefix, not '" + tempPrefix + "'");
        }
        if (tempPrefix != null) {
            Arguments.requireSafe("tempPrefix", tempPrefix);
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("progressInterval must be positive, not " + progressInterval);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, not " + maxWait);
        }
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("stallTimeout must not be negative, not " + stallTimeout);
        }
        if (stallTimeout.isZero() && transfer.transferTimeout().isZero()) {
            // Nothing else ends a transfer whose server stopped answering after its 150.
            throw new IllegalArgumentException("stallTimeout=0 (no stall detection) needs a transferTimeout: with both "
                    + "0 a transfer whose server stops answering would wait for ever");
        }
    }

    /** Plain FTP on both sides. */
    public FxpSettings(PassiveSide passiveSide, TransferOptions transfer, ConnectionSettings connection, int maxConnections,
            Duration noopAfterIdle, Verification verification, FileExist fileExist, String tempPrefix, boolean autoCreate,
            boolean preserveLastModified, Duration progressInterval, Duration stallTimeout, boolean resume, Fallback fallback) {
        this(passiveSide, transfer, connection, maxConnections, DEFAULT_MAX_WAIT, noopAfterIdle, verification, fileExist,
                tempPrefix, autoCreate, preserveLastModified, progressInterval, stallTimeout, resume, fallback, null, null);
    }

    /** FTPS settings per side (null for plain FTP). */
    public TlsSettings tls(Side side) {
        return side == Side.SOURCE ? sourceTls : targetTls;
    }

    /** Defaults for everything but the connection settings, as the Camel endpoint documents them. */
    public static FxpSettings defaults(ConnectionSettings connection, TransferOptions transfer) {
        return new FxpSettings(PassiveSide.AUTO, transfer, connection, 4, Duration.ofSeconds(10), Verification.SIZE,
                FileExist.OVERRIDE, ".ftp3p.", true, false, Duration.ofSeconds(1), Duration.ofSeconds(60), true,
                Fallback.NONE);
    }
}
