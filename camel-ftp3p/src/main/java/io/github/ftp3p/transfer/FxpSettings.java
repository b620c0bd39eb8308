package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.Objects;

import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.PassiveSide;
import io.github.ftp3p.protocol.TransferOptions;

/**
 * Everything an {@link FxpClient} needs besides the two servers.
 *
 * @param passiveSide    which side gets PASV/EPSV, or AUTO to try the target, then the source
 * @param transfer       how each transfer is run
 * @param connection     how control connections are opened
 * @param maxConnections the most control connections open at once to each side
 * @param noopAfterIdle  a pooled connection idle longer than this is checked with NOOP before use
 */
public record FxpSettings(PassiveSide passiveSide, TransferOptions transfer, ConnectionSettings connection,
        int maxConnections, Duration noopAfterIdle) {

    public FxpSettings {
        Objects.requireNonNull(passiveSide, "passiveSide");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(noopAfterIdle, "noopAfterIdle");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
    }
}
