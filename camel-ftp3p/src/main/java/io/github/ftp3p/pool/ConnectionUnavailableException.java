package io.github.ftp3p.pool;

import java.time.Duration;

import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;

/**
 * No control connection could be had from a side's pool: every one of its {@code maxConnections} stayed lent out
 * for {@code maxWait}, or the pool was closed (the endpoint is stopping). Nothing was sent to the server.
 */
public final class ConnectionUnavailableException extends FtpTransferException {

    private ConnectionUnavailableException(Side side, String message) {
        super(side, null, message, null);
    }

    static ConnectionUnavailableException exhausted(Side side, FtpServerAddress server, int maxConnections,
            Duration maxWait) {
        return new ConnectionUnavailableException(side, "No free connection to the " + side.label() + " server "
                + server.identity() + ": all " + maxConnections + " (maxConnections) stayed in use for "
                + maxWait.toMillis() + " ms (maxWait)");
    }

    static ConnectionUnavailableException closed(Side side, FtpServerAddress server) {
        return new ConnectionUnavailableException(side, "No connection to the " + side.label() + " server "
                + server.identity() + ": the endpoint is stopping");
    }
}
