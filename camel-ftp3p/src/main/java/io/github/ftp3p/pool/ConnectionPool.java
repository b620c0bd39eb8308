package io.github.ftp3p.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TlsSettings;

/**
 * Logged-in control connections to one server identity (host, port, user), kept between transfers so that
 * a transfer costs no connect and no login. At most {@code maxConnections} exist at once; a borrower waits
 * for a free one, at most {@code maxWait}. A connection idle for longer than {@code noopAfterIdle} is checked
 * with NOOP before it is handed out, and replaced when dead. The connection given back last is lent first, so
 * that the others age out.
 * <p>
 * A connection back in the pool and idle for {@code idleTimeout} is closed (QUIT, on the {@code closer}
 * executor), so that a pool nobody uses holds no socket; connections lent out are never looked at, however long
 * their transfer runs. The next borrower then opens (and logs in) a new one. The look is one task on the shared
 * {@code scheduler}, pending only while the pool holds an idle connection: an unused pool holds no task and no
 * thread. (commons-pool2, used before, kept three statistics caches of a hundred AtomicLong per pool, about
 * 17 KiB an endpoint, and an evictor task per pool for ever.)
 * <p>
 * {@link #close} also closes the connections lent out, and those opened outside the pool
 * ({@link #openOutside}), so that a thread blocked reading a reply on one wakes up with an error instead of
 * outliving the endpoint.
 */
public final class ConnectionPool implements AutoCloseable {

    private final Side side;
    private final FtpServerAddress server;
    private final ConnectionSettings settings;
    private final TlsSettings tls;
    private final int maxConnections;
    private final Duration maxWait;
    private final long noopAfterIdleNanos;
    private final long idleTimeoutNanos;
    private final ScheduledExecutorService scheduler;
    private final Executor closer;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a place or an idle connection becomes free, and on close. */
    private final Condition freed = lock.newCondition();
    /** The idle connections, the one given back last first; guarded by {@link #lock}. */
    private final ArrayDeque<Idle> idle = new ArrayDeque<>(2);
    /** Places taken: lent out, being opened, or being closed after their idle timeout; guarded by {@link #lock}. */
    private int taken;
    /** Guarded by {@link #lock}. */
    private long created;
    /** The pending look for expired idle connections, or null; guarded by {@link #lock}. */
    private ScheduledFuture<?> eviction;
    private volatile boolean closed;
    /**
     * Being opened, lent out, or opened outside the pool: what {@link #close} must close under the threads using
     * them.
     */
    private final Set<ControlConnection> opening = ConcurrentHashMap.newKeySet();
    private final Set<ControlConnection> inUse = ConcurrentHashMap.newKeySet();
    private final Set<ControlConnection> outside = ConcurrentHashMap.newKeySet();

    /** An idle connection and when it was given back. */
    private record Idle(ControlConnection connection, long sinceNanos) {
    }

    /**
     * @param tls         FTPS settings, or null for plain FTP
     * @param maxWait     how long {@link #borrow} waits for a free connection
     * @param idleTimeout an idle connection is closed once it has been idle this long
     * @param scheduler   runs the looks for idle connections past idleTimeout (shared; short tasks)
     * @param closer      says QUIT on them, each bounded by {@link ControlConnection#close}
     */
    public ConnectionPool(Side side, FtpServerAddress server, ConnectionSettings settings, TlsSettings tls,
            int maxConnections, Duration maxWait, Duration noopAfterIdle, Duration idleTimeout,
            ScheduledExecutorService scheduler, Executor closer) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        this.side = side;
        this.server = server;
        this.settings = settings;
        this.tls = tls;
        this.maxConnections = maxConnections;
        this.maxWait = maxWait;
        this.noopAfterIdleNanos = noopAfterIdle.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.scheduler = scheduler;
        this.closer = closer;
    }

    /**
     * A logged-in connection in binary mode, waiting at most {@code maxWait} for one to be free.
     *
     * @throws ConnectionUnavailableException when none was free in time, or the pool is closed
     */
    public ControlConnection borrow() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            ControlConnection kept = takePlace(deadline);
            if (kept == null) {
                ControlConnection opened;
                try {
                    opened = open();
                } catch (RuntimeException e) {
                    freePlace();
                    throw e;
                }
                lock.lock();
                try {
                    created++;
                } finally {
                    lock.unlock();
                }
                return lend(opened);
            }
            if (kept.isReusable() && (System.nanoTime() - kept.lastUsedNanos() < noopAfterIdleNanos || kept.noop())) {
                return lend(kept);
            }
            // Dead (the server dropped it meanwhile): replaced, within the same deadline.
            kept.close();
            freePlace();
        }
    }

    /**
     * Takes a place: an idle connection, or null when there is room to open one; waits until {@code deadline}.
     */
    private ControlConnection takePlace(long deadline) {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw ConnectionUnavailableException.closed(side, server);
                }
                Idle last = idle.pollFirst();
                if (last != null) {
                    taken++;
                    return last.connection();
                }
                if (taken < maxConnections) {
                    taken++;
                    return null;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw ConnectionUnavailableException.exhausted(side, server, maxConnections, maxWait);
                }
                try {
                    freed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for a " + side.label() + " connection", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void freePlace() {
        lock.lock();
        try {
            taken--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    private ControlConnection lend(ControlConnection connection) {
        inUse.add(connection);
        if (closed) {
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
        if (closed) {
            throw ConnectionUnavailableException.closed(side, server);
        }
        ControlConnection connection = open();
        outside.add(connection);
        if (closed) {
            release(connection);
            throw ConnectionUnavailableException.closed(side, server);
        }
        return connection;
    }

    private ControlConnection open() {
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

    /** Gives the connection back, or closes it when its state is unknown or it was opened outside the pool. */
    public void release(ControlConnection connection) {
        if (outside.remove(connection)) {
            connection.close();
        } else if (!connection.isReusable()) {
            invalidate(connection);
        } else if (inUse.remove(connection)) {
            lock.lock();
            try {
                taken--;
                if (!closed) {
                    idle.addFirst(new Idle(connection, System.nanoTime()));
                    scheduleEviction(idleTimeoutNanos);
                    freed.signal();
                    return;
                }
            } finally {
                lock.unlock();
            }
            connection.close(); // the pool closed while it was lent out
        }
    }

    /** Closes the connection and frees its place. */
    public void invalidate(ControlConnection connection) {
        boolean lent = inUse.remove(connection);
        try {
            connection.close();
        } catch (RuntimeException e) {
            connection.abandon();
        }
        if (lent) {
            freePlace();
        }
    }

    /** Under {@link #lock}: a look for expired idle connections in {@code delayNanos}, unless one is pending. */
    private void scheduleEviction(long delayNanos) {
        if (eviction != null || closed) {
            return;
        }
        try {
            eviction = scheduler.schedule(this::evict, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The component is stopping, and with it this pool, whose close() closes the idle connections.
        }
    }

    /** Closes the idle connections past idleTimeout (the oldest are last), and looks again when the next one is. */
    private void evict() {
        List<ControlConnection> expired = new ArrayList<>();
        lock.lock();
        try {
            eviction = null;
            long now = System.nanoTime();
            while (!idle.isEmpty() && now - idle.peekLast().sinceNanos() >= idleTimeoutNanos) {
                expired.add(idle.pollLast().connection());
            }
            // Counted until closed, so that the server never sees more than maxConnections at once.
            taken += expired.size();
            if (!idle.isEmpty()) {
                scheduleEviction(idleTimeoutNanos - (now - idle.peekLast().sinceNanos()));
            }
        } finally {
            lock.unlock();
        }
        if (expired.isEmpty()) {
            return;
        }
        Runnable quit = () -> expired.forEach(connection -> {
            try {
                connection.close();
            } finally {
                freePlace();
            }
        });
        try {
            closer.execute(quit);
        } catch (RejectedExecutionException e) {
            // Its queue is full (Camel's executors hold 1,000 tasks) or it is stopping: said here, each QUIT bounded.
            quit.run();
        }
    }

    /** Connections lent out now. */
    public int active() {
        return inUse.size();
    }

    /** Connections waiting in the pool. */
    public int idle() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** Connections opened (and logged in) since the pool was made. */
    public long created() {
        lock.lock();
        try {
            return created;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the idle connections, wakes the borrowers waiting for one, and closes the socket under every
     * connection still in use, so that each thread blocked on one gets an error at once.
     */
    @Override
    public void close() {
        List<ControlConnection> idleNow = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            idle.forEach(i -> idleNow.add(i.connection()));
            idle.clear();
            if (eviction != null) {
                eviction.cancel(false);
                eviction = null;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        idleNow.forEach(ControlConnection::close);
        opening.forEach(ControlConnection::abandon);
        inUse.forEach(ControlConnection::abandon);
        outside.forEach(ControlConnection::abandon);
    }
}
