package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.Objects;

import io.github.ftp3p.protocol.Arguments;
import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.InvalidSettingException;
import io.github.ftp3p.protocol.PassiveSide;
import io.github.ftp3p.protocol.Ranges;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TlsSettings;
import io.github.ftp3p.protocol.TransferOptions;

/**
 * Everything an {@link FxpClient} needs besides the two servers. Every duration is at most
 * {@link Ranges#MAX_DURATION}; progressInterval is at least 1 ms, the others may be zero.
 *
 * @param passiveSide          which side gets PASV/EPSV, or AUTO to try the target, then the source
 * @param transfer             how each transfer is run
 * @param connection           how control connections are opened
 * @param maxConnections       the most control connections open at once to each side, 1 to
 *                             {@link Ranges#MAX_CONNECTIONS}
 * @param maxWait              how long a transfer waits for a free connection to a side
 * @param noopAfterIdle        a pooled connection idle longer than this is checked with NOOP before use
 * @param idleTimeout          a pooled connection idle longer than this is closed (QUIT), from
 *                             {@link #MIN_IDLE_TIMEOUT} to {@link Ranges#MAX_DURATION}
 * @param verification         how a copy is proven
 * @param fileExist            what to do when the target file exists
 * @param tempPrefix           the target is written as tempPrefix + name and renamed once verified; null to
 *                             write the final name directly; never with a '/' or a backslash, which would put
 *                             it elsewhere
 * @param autoCreate           create the target directory (MKD, one level at a time) when missing
 * @param preserveLastModified copy the source's modification time (MDTM) to the target (MFMT, SITE UTIME)
 * @param progressInterval     how often the target's SIZE is polled while a transfer runs
 * @param stallTimeout         a transfer whose target does not grow for this long is aborted; zero for never,
 *                             which needs a transfer timeout instead
 * @param resume               keep the temporary file of a broken transfer and continue from its size (REST) on
 *                             the next attempt, when both servers offer REST STREAM
 * @param fallback             what to do when FXP fails in every orientation
 * @param tempFileMaxAge       temporary files (of any attempt) older than this in a target directory are deleted
 *                             ({@link StaleTemporaryFiles}); zero for never
 * @param sourceTls            FTPS on the source, or null
 * @param targetTls            FTPS on the target, or null
 * @param afterRename          SITE CHMOD and the done file, after the rename; {@link AfterRename#NONE} for neither
 */
public record FxpSettings(PassiveSide passiveSide, TransferOptions transfer, ConnectionSettings connection,
        int maxConnections, Duration maxWait, Duration noopAfterIdle, Duration idleTimeout, Verification verification,
        FileExist fileExist,
        String tempPrefix, boolean autoCreate, boolean preserveLastModified, Duration progressInterval, Duration stallTimeout,
        boolean resume, Fallback fallback, Duration tempFileMaxAge, TlsSettings sourceTls, TlsSettings targetTls,
        AfterRename afterRename) {

    /** The temporary name is the prefix, the name (shortened to fit) and the attempt, in 255 bytes. */
    public static final int MAX_TEMP_PREFIX_BYTES = 64;
    /** How long a transfer waits for a free connection unless told otherwise. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);
    /** Below this, a temporary file still being written or kept to resume from could be taken for a stale one. */
    public static final Duration MIN_TEMP_FILE_MAX_AGE = Duration.ofMinutes(10);
    /** How long an idle pooled connection is kept unless told otherwise: servers drop them anyway (vsftpd after 300 s). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** Below this a connection would be closed between two files of a steady flow, each file then paying a login. */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);

    public FxpSettings {
        Objects.requireNonNull(passiveSide, "passiveSide");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(connection, "connection");
        Ranges.requireNotNegative("noopAfterIdle", noopAfterIdle);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0 || idleTimeout.compareTo(Ranges.MAX_DURATION) > 0) {
            // No "0 for never": a pool that never closes its idle connections is what made idle endpoints costly.
            throw new InvalidSettingException("idleTimeout", "must be from " + MIN_IDLE_TIMEOUT.toMillis() + " to "
                    + Ranges.MAX_DURATION.toMillis() + " milliseconds (about 24.8 days), not " + idleTimeout.toMillis()
                    + " ms: below one second the pooled connections would be closed between the files of a steady "
                    + "flow, each then paying a new login");
        }
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(fileExist, "fileExist");
        Ranges.requirePositive("progressInterval", progressInterval);
        Ranges.requireNotNegative("stallTimeout", stallTimeout);
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(afterRename, "afterRename");
        Ranges.requireBetween("maxConnections", maxConnections, 1, Ranges.MAX_CONNECTIONS);
        if (tempPrefix != null && (tempPrefix.isEmpty() || tempPrefix.contains("/") || tempPrefix.contains("\\"))) {
            // Apache FtpServer takes a backslash for a separator too: either would put the temporary file elsewhere.
            throw new InvalidSettingException("tempPrefix", "must be a non-empty file name prefix without '/' or '\\', "
                    + "not '" + tempPrefix + "'");
        }
        if (tempPrefix != null) {
            Arguments.requireSafe("tempPrefix", tempPrefix);
            if (tempPrefix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEMP_PREFIX_BYTES) {
                throw new InvalidSettingException("tempPrefix", "must be at most " + MAX_TEMP_PREFIX_BYTES
                        + " bytes, leaving room in a 255-byte name for the file's own name, not '" + tempPrefix + "'");
            }
        }
        Ranges.requirePositive("maxWait", maxWait);
        Ranges.requireNotNegative("tempFileMaxAge", tempFileMaxAge);
        if (!tempFileMaxAge.isZero() && tempFileMaxAge.compareTo(MIN_TEMP_FILE_MAX_AGE) < 0) {
            throw new InvalidSettingException("tempFileMaxAge", "must be 0 (off) or at least "
                    + MIN_TEMP_FILE_MAX_AGE.toMinutes() + " minutes, well above any transfer's stall and redelivery delay "
                    + "and any clock difference with the server, not " + tempFileMaxAge.toMillis() + " ms");
        }
        if (stallTimeout.isZero() && transfer.transferTimeout().isZero()) {
            // Nothing else ends a transfer whose server stopped answering after its 150.
            throw new InvalidSettingException("stallTimeout", "must not be 0 (no stall detection) while transferTimeout "
                    + "is 0 too: a transfer whose server stops answering would wait for ever");
        }
    }

    /** Plain FTP on both sides. */
    public FxpSettings(PassiveSide passiveSide, TransferOptions transfer, ConnectionSettings connection, int maxConnections,
            Duration noopAfterIdle, Verification verification, FileExist fileExist, String tempPrefix, boolean autoCreate,
            boolean preserveLastModified, Duration progressInterval, Duration stallTimeout, boolean resume, Fallback fallback) {
        this(passiveSide, transfer, connection, maxConnections, DEFAULT_MAX_WAIT, noopAfterIdle, DEFAULT_IDLE_TIMEOUT,
                verification, fileExist,
                tempPrefix, autoCreate, preserveLastModified, progressInterval, stallTimeout, resume, fallback, Duration.ZERO,
                null, null, AfterRename.NONE);
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
