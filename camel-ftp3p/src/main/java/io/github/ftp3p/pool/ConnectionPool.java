package io.github.ftp3p.pool;

import java.time.Duration;
import java.util.NoSuchElementException;

import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TlsSettings;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Logged-in control connections to one server identity (host, port, user), kept between transfers so that
 * a transfer costs no connect and no login. At most {@code maxConnections} exist at once; a borrower waits
 * for a free one. A connection idle for longer than {@code noopAfterIdle} is checked with NOOP before it is
 * handed out, and replaced when dead.
 */
public final class ConnectionPool implements AutoCloseable {

    /** Idle connections older than this are closed: servers drop them anyway (vsftpd after 300 s). */
    private static final Duration EVICT_IDLE_AFTER = Duration.ofMinutes(2);

    private final GenericObjectPool<ControlConnection> pool;

    /** @param tls FTPS settings, or null for plain FTP */
    public ConnectionPool(Side side, FtpServerAddress server, ConnectionSettings settings, TlsSettings tls,
            int maxConnections, Duration noopAfterIdle) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        GenericObjectPoolConfig<ControlConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(maxConnections);
        config.setMaxIdle(maxConnections);
        config.setBlockWhenExhausted(true);
        config.setTestOnBorrow(true);
        config.setJmxEnabled(false);
        config.setMinEvictableIdleDuration(EVICT_IDLE_AFTER);
        config.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        pool = new GenericObjectPool<>(new Factory(side, server, settings, tls, noopAfterIdle), config);
    }

    /** A logged-in connection in binary mode. */
    public ControlConnection borrow() {
        try {
            return pool.borrowObject();
        } catch (FtpTransferException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot borrow a connection: " + e.getMessage(), e);
        }
    }

    /** A connection if one is free or may be opened now, else null; never waits for another borrower. */
    public ControlConnection tryBorrow() {
        try {
            return pool.borrowObject(Duration.ZERO);
        } catch (NoSuchElementException e) {
            return null;
        } catch (FtpTransferException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot borrow a connection: " + e.getMessage(), e);
        }
    }

    /** Gives the connection back, or closes it when its state is unknown. */
    public void release(ControlConnection connection) {
        if (connection.isReusable()) {
            pool.returnObject(connection);
        } else {
            invalidate(connection);
        }
    }

    /** Closes the connection and frees its place. */
    public void invalidate(ControlConnection connection) {
        try {
            pool.invalidateObject(connection);
        } catch (Exception e) {
            connection.abandon();
        }
    }

    /** Connections lent out now. */
    public int active() {
        return pool.getNumActive();
    }

    /** Connections waiting in the pool. */
    public int idle() {
        return pool.getNumIdle();
    }

    /** Connections opened (and logged in) since the pool was made. */
    public long created() {
        return pool.getCreatedCount();
    }

    @Override
    public void close() {
        pool.close();
    }

    private static final class Factory extends BasePooledObjectFactory<ControlConnection> {

        private final Side side;
        private final FtpServerAddress server;
        private final ConnectionSettings settings;
        private final TlsSettings tls;
        private final Duration noopAfterIdle;

        Factory(Side side, FtpServerAddress server, ConnectionSettings settings, TlsSettings tls, Duration noopAfterIdle) {
            this.side = side;
            this.server = server;
            this.settings = settings;
            this.tls = tls;
            this.noopAfterIdle = noopAfterIdle;
        }

        @Override
        public ControlConnection create() {
            return ControlConnection.open(side, server, settings, tls);
        }

        @Override
        public PooledObject<ControlConnection> wrap(ControlConnection connection) {
            return new DefaultPooledObject<>(connection);
        }

        @Override
        public boolean validateObject(PooledObject<ControlConnection> pooled) {
            ControlConnection connection = pooled.getObject();
            if (!connection.isReusable()) {
                return false;
            }
            if (pooled.getBorrowedCount() <= 1) {
                return true; // just logged in: this is its first borrower
            }
            long idleNanos = System.nanoTime() - connection.lastUsedNanos();
            return idleNanos < noopAfterIdle.toNanos() || connection.noop();
        }

        @Override
        public void destroyObject(PooledObject<ControlConnection> pooled) {
            pooled.getObject().close();
        }
    }
}
