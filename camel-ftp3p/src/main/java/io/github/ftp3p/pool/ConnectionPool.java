package io.github.ftp3p.pool;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * for a free one, at most {@code maxWait}. A connection idle for longer than {@code noopAfterIdle} is checked
 * with NOOP before it is handed out, and replaced when dead.
 * <p>
 * A connection back in the pool and idle for longer than {@code idleTimeout} is closed (QUIT) by commons-pool2's
 * evictor, one thread for the whole JVM, so that a pool nobody uses holds no socket; connections lent out are
 * never looked at, however long their transfer runs. The next borrower then opens (and logs in) a new one.
 * <p>
 * {@link #close} also closes the connections lent out, and those opened outside the pool
 * ({@link #openOutside}), so that a thread blocked reading a reply on one wakes up with an error instead of
 * outliving the endpoint.
 */
public final class ConnectionPool implements AutoCloseable {

    /** The longest pause between two looks for connections idle past {@code idleTimeout}. */
    private static final Duration MAX_EVICTION_PERIOD = Duration.ofSeconds(30);

    private final Side side;
    private final FtpServerAddress server;
    private final int maxConnections;
    private final Duration maxWait;
    private final Factory factory;
    private final GenericObjectPool<ControlConnection> pool;
    /**
     * Being opened, lent out, or opened outside the pool: what {@link #close} must close under the threads using
     * them.
     */
    private final Set<ControlConnection> opening = ConcurrentHashMap.newKeySet();
    private final Set<ControlConnection> inUse = ConcurrentHashMap.newKeySet();
    private final Set<ControlConnection> outside = ConcurrentHashMap.newKeySet();

    /**
     * @param tls     FTPS settings, or null for plain FTP
     * @param maxWait     how long {@link #borrow} waits for a free connection
     * @param idleTimeout an idle connection is closed once it has been idle this long, or up to half as long again
     */
    public ConnectionPool(Side side, FtpServerAddress server, ConnectionSettings settings, TlsSettings tls,
            int maxConnections, Duration maxWait, Duration noopAfterIdle, Duration idleTimeout) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        this.side = side;
        this.server = server;
        this.maxConnections = maxConnections;
        this.maxWait = maxWait;
        GenericObjectPoolConfig<ControlConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(maxConnections);
        config.setMaxIdle(maxConnections);
        config.setBlockWhenExhausted(true);
        config.setTestOnBorrow(true);
        config.setJmxEnabled(false);
        config.setMinEvictableIdleDuration(idleTimeout);
        config.setTimeBetweenEvictionRuns(evictionPeriod(idleTimeout));
        // Every idle connection is looked at on each run (the default is three), so that none outstays idleTimeout.
        config.setNumTestsPerEvictionRun(maxConnections);
        factory = new Factory(side, server, settings, tls, noopAfterIdle, opening);
        pool = new GenericObjectPool<>(factory, config);
    }

    /** Half the idle timeout, at most {@link #MAX_EVICTION_PERIOD}: a connection is closed at most 1.5 x late. */
    static Duration evictionPeriod(Duration idleTimeout) {
        Duration half = idleTimeout.dividedBy(2);
        return half.compareTo(MAX_EVICTION_PERIOD) > 0 ? MAX_EVICTION_PERIOD : half.isZero() ? Duration.ofMillis(1) : half;
    }

    /**
     * A logged-in connection in binary mode, waiting at most {@code maxWait} for one to be free.
     *
     * @throws ConnectionUnavailableException when none was free in time, or the pool is closed
     */
    public ControlConnection borrow() {
        ControlConnection connection;
        try {
            connection = pool.borrowObject(maxWait);
        } catch (NoSuchElementException e) {
            throw pool.isClosed() ? ConnectionUnavailableException.closed(side, server)
                    : ConnectionUnavailableException.exhausted(side, server, maxConnections, maxWait);
        } catch (FtpTransferException e) {
            throw e;
        } catch (InterruptedException e) {
            if (!pool.isClosed()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a " + side.label() + " connection", e);
            }
            // close() wakes the borrowers waiting for a connection by interrupting them: that interrupt is the
            // pool's own, not a request to the thread, so it is not kept.
            throw ConnectionUnavailableException.closed(side, server);
        } catch (Exception e) {
            if (pool.isClosed()) {
                throw ConnectionUnavailableException.closed(side, server);
            }
            throw new IllegalStateException("Cannot borrow a connection: " + e.getMessage(), e);
        }
        inUse.add(connection);
        if (pool.isClosed()) {
            // close() ran while this one was being handed out: it did not see it.
            invalidate(connection);
            throw ConnectionUnavailableException.closed(side, server);
        }
        return connection;
    }

    /**
     * A new logged-in connection that does not count against {@code maxConnections} and is never pooled, for
     * work that must not wait for a transfer's connections (watching its progress). Give it back with
     * {@link #release}, which closes it.
     */
    public ControlConnection openOutside() {
        if (pool.isClosed()) {
            throw ConnectionUnavailableException.closed(side, server);
        }
        ControlConnection connection = factory.create();
        outside.add(connection);
        if (pool.isClosed()) {
            release(connection);
            throw ConnectionUnavailableException.closed(side, server);
        }
        return connection;
    }

    /** Gives the connection back, or closes it when its state is unknown or it was opened outside the pool. */
    public void release(ControlConnection connection) {
        if (outside.remove(connection)) {
            connection.close();
        } else if (connection.isReusable()) {
            inUse.remove(connection);
            pool.returnObject(connection);
        } else {
            invalidate(connection);
        }
    }

    /** Closes the connection and frees its place. */
    public void invalidate(ControlConnection connection) {
        inUse.remove(connection);
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

    /**
     * Closes the idle connections, wakes the borrowers waiting for one, and closes the socket under every
     * connection still in use, so that each thread blocked on one gets an error at once.
     */
    @Override
    public void close() {
        pool.close();
        opening.forEach(ControlConnection::abandon);
        inUse.forEach(ControlConnection::abandon);
        outside.forEach(ControlConnection::abandon);
    }

    private static final class Factory extends BasePooledObjectFactory<ControlConnection> {

        private final Side side;
        private final FtpServerAddress server;
        private final ConnectionSettings settings;
        private final TlsSettings tls;
        private final Duration noopAfterIdle;
        private final Set<ControlConnection> opening;

        Factory(Side side, FtpServerAddress server, ConnectionSettings settings, TlsSettings tls, Duration noopAfterIdle,
                Set<ControlConnection> opening) {
            this.side = side;
            this.server = server;
            this.settings = settings;
            this.tls = tls;
            this.noopAfterIdle = noopAfterIdle;
            this.opening = opening;
        }

        @Override
        public ControlConnection create() {
            ControlConnection[] opened = new ControlConnection[1];
            try {
                opened[0] = ControlConnection.open(side, server, settings, tls, connection -> {
                    opened[0] = connection;
                    opening.add(connection);
                });
                return opened[0];
            } finally {
                if (opened[0] != null) {
                    opening.remove(opened[0]);
                }
            }
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
