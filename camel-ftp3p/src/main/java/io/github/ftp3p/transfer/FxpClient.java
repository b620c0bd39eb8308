package io.github.ftp3p.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.ftp3p.pool.ConnectionPool;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.DirectoryListing;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.InvalidSettingException;
import io.github.ftp3p.protocol.OutOfOrderReplyException;
import io.github.ftp3p.protocol.PassiveData;
import io.github.ftp3p.protocol.Ranges;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TransferFailedException;
import io.github.ftp3p.protocol.TransferProgress;
import io.github.ftp3p.protocol.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies and moves files from one FTP server to another without the data passing through this host.
 * Holds a connection pool per side; safe for concurrent use (each transfer borrows its own connections).
 * The steps of one transfer are in {@link TransferJob}. A connection found dead before anything was written
 * on the target is replaced, and the transfer tried again, once.
 */
public final class FxpClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxpClient.class);
    /** Where the leases made on a thread add their round trips ({@link #countingRoundTrips}); mostly unset. */
    private static final ThreadLocal<LongAdder> ROUND_TRIPS = new ThreadLocal<>();

    final FtpServerAddress source;
    final FtpServerAddress target;
    final FxpSettings settings;
    final Executor executor;
    final ScheduledExecutorService scheduler;
    final ConnectionPool sourcePool;
    final ConnectionPool targetPool;
    /** What is known of each side's server: software, FEAT, learnt quirks. */
    private final Map<Side, ServerProfile> profiles = Map.of(Side.SOURCE, new ServerProfile(Side.SOURCE),
            Side.TARGET, new ServerProfile(Side.TARGET));
    /** Target directories known to exist (autoCreate). */
    final Set<String> targetDirectories = ConcurrentHashMap.newKeySet();
    /** Warnings given once per server pair, or per server. */
    final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** Looks for temporary files killed processes left behind; null when tempFileMaxAge is 0 or no temporary names. */
    private final StaleTemporaryFiles staleTemporaryFiles;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    /**
     * The last first file of a {@link #transferAll} that showed the pair can be pipelined ({@link PipelinedBatch#suits}),
     * or null: later batches are pipelined from their first file, so a sync's lanes do not pay a file transferred
     * alone (about ten round trips) per chunk. Cleared when a first file shows otherwise.
     */
    private volatile TransferResult pipelineProof;
    private final TransferRecorder recorder;

    /**
     * @param executor  runs the threads that read each side's replies during a transfer (two per transfer)
     * @param scheduler polls the progress of running transfers, and looks for pooled connections idle past
     *                  idleTimeout
     */
    public FxpClient(FtpServerAddress source, FtpServerAddress target, FxpSettings settings, Executor executor,
            ScheduledExecutorService scheduler) {
        this(source, target, settings, executor, scheduler, TransferRecorder.NONE);
    }

    /** @param recorder told of each file's end, as this client counts it */
    public FxpClient(FtpServerAddress source, FtpServerAddress target, FxpSettings settings, Executor executor,
            ScheduledExecutorService scheduler, TransferRecorder recorder) {
        this(source, target, settings, executor, scheduler, executor, recorder);
    }

    /**
     * @param closer says QUIT on the pooled connections idle past idleTimeout: one thread is enough, and keeps a
     *               burst of idle endpoints from starting a thread each
     */
    public FxpClient(FtpServerAddress source, FtpServerAddress target, FxpSettings settings, Executor executor,
            ScheduledExecutorService scheduler, Executor closer, TransferRecorder recorder) {
        this.recorder = recorder;
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.executor = executor;
        this.scheduler = scheduler;
        this.sourcePool = new ConnectionPool(Side.SOURCE, source, settings.connection(), settings.tls(Side.SOURCE),
                settings.maxConnections(), settings.maxWait(), settings.noopAfterIdle(), settings.idleTimeout(),
                scheduler, closer);
        this.targetPool = new ConnectionPool(Side.TARGET, target, settings.connection(), settings.tls(Side.TARGET),
                settings.maxConnections(), settings.maxWait(), settings.noopAfterIdle(), settings.idleTimeout(),
                scheduler, closer);
        this.staleTemporaryFiles = settings.tempPrefix() == null || settings.tempFileMaxAge().isZero() ? null
                : new StaleTemporaryFiles(settings.tempPrefix(), settings.tempFileMaxAge());
    }

    public TransferResult transfer(TransferRequest request) {
        refuse(request);
        return transfer(request, request.attempt() != null ? request.attempt() : TemporaryName.newAttempt());
    }

    /** What is refused before any command: a copy onto itself, a done file name that does not fit the file. */
    private void refuse(TransferRequest request) {
        SameFile.SYSTEM.refuse(source, target, request);
        DoneFileName doneFile = settings.afterRename().doneFile();
        if (doneFile != null) {
            String targetPath = target.resolve(request.targetName());
            try {
                doneFile.resolve(targetPath);
            } catch (IllegalArgumentException e) {
                throw AfterRenameException.refused(targetPath, e);
            }
        }
    }

    private TransferResult transfer(TransferRequest request, String attempt) {
        long started = System.nanoTime();
        FtpTransferException lost = null;
        while (true) {
            Lease lease = new Lease();
            try {
                TransferResult result = new TransferJob(this, lease, request.asRetry(request.retry() || lost != null),
                        attempt, started).run();
                request.listener().finished(new TransferProgress(result.targetPath(),
                        result.size(), result.size(), result.duration()));
                recordCompleted(result);
                return result;
            } catch (FtpTransferException e) {
                if (lost != null) {
                    // The retry's failure is reported; the first one, often the cause, goes with it.
                    e.addSuppressed(lost);
                }
                // A retry is harmless while nothing was written, or when what was written is kept to resume from;
                // it is worth trying on a new connection, or without pipelining to a server that answered out of order.
                boolean worthRetrying = e.connectionLost() || learnOutOfOrder(e);
                if (lost != null || !worthRetrying || e instanceof VerificationException
                        || lease.targetTouched && !lease.resumable) {
                    recordFailed(request, e);
                    throw e;
                }
                lost = e;
                LOG.info(e.connectionLost() ? "The {} connection was lost ({}); retrying once on a new connection"
                        : "The {} server answered out of order ({}); retrying once, without pipelining to it",
                        e.side().label(), e.getMessage());
            } catch (RuntimeException e) {
                throw unexpected(lease, request, e);
            } finally {
                lease.close();
            }
        }
    }

    /**
     * A failure that is not an FTP one (a bug, or a failure of the JVM's own): the replies still awaited on both
     * connections are unknown, so neither goes back to its pool, and the caller gets a typed failure as for any
     * other.
     */
    private FtpTransferException unexpected(Lease lease, TransferRequest request, RuntimeException e) {
        lease.giveUp();
        FtpTransferException typed = new TransferFailedException(request.sourceName(), e);
        recordFailed(request, typed);
        return typed;
    }

    /**
     * Transfers several files over one pair of connections, in order, and stops at the first failure. The first
     * file is transferred on its own ({@link #transfer}), which settles the orientation and what the servers
     * offer; when the target can be passive and the options allow (see {@link PipelinedBatch#suits}), the
     * others are pipelined, about one round trip each, else transferred one by one. Once a first file showed that,
     * later batches of this client are pipelined from their first file (a sync's lanes run many short batches). A
     * pipelined batch stopped by a reply out of order (nothing lost: it stops as at any failure) goes on one by one
     * from the first file it did not finish.
     */
    public BatchResult transferAll(List<TransferRequest> requests) {
        requests.forEach(request -> refuse(request));
        List<TransferResult> results = new ArrayList<>();
        // Files a stopped pipelined batch finished after the file it stopped at: never copied again.
        Map<Integer, TransferResult> finishedAfter = new TreeMap<>();
        int i = 0;
        TransferResult proof = provenFor(requests);
        String attempt = null;
        while (i < requests.size()) {
            if (finishedAfter.containsKey(i)) {
                results.add(finishedAfter.remove(i));
                i++;
                continue;
            }
            if (proof == null) {
                TransferRequest request = requests.get(i);
                attempt = request.attempt() != null ? request.attempt() : TemporaryName.newAttempt();
                try {
                    results.add(transfer(request, attempt));
                } catch (FtpTransferException e) {
                    return new BatchResult(results, e, finishedAfter);
                }
                i++;
                proof = PipelinedBatch.suits(this, results.get(results.size() - 1)) ? results.get(results.size() - 1)
                        : null;
                pipelineProof = proof;
            } else if (attempt == null) {
                attempt = requests.get(i).attempt() != null ? requests.get(i).attempt() : TemporaryName.newAttempt();
            }
            if (i < requests.size() && proof != null) {
                List<TransferRequest> rest = requests.subList(i, requests.size());
                BatchResult pipelined;
                Lease lease = new Lease();
                try {
                    pipelined = new PipelinedBatch(this, lease, rest, attempt, !"none".equals(proof.verifiedBy())).run();
                } catch (RuntimeException e) {
                    return new BatchResult(results, unexpected(lease, rest.get(0), e), finishedAfter);
                } finally {
                    lease.close();
                }
                results.addAll(pipelined.results());
                int from = i;
                pipelined.finishedAfter().forEach((index, result) -> finishedAfter.put(from + index, result));
                i += pipelined.results().size();
                if (!pipelined.succeeded() && !learnOutOfOrder(pipelined.failure())) {
                    recordFailed(requests.get(i), pipelined.failure());
                    return new BatchResult(results, pipelined.failure(), finishedAfter);
                }
                // Stopped cleanly at a reply out of order: the files after the last one done go on one by one.
                proof = null;
            }
        }
        return new BatchResult(results, null);
    }

    /**
     * The proof that {@code requests} can be pipelined from their first file, or null: one that still suits, and
     * that verified by size unless every request keeps its source (a move is always verified).
     */
    private TransferResult provenFor(List<TransferRequest> requests) {
        TransferResult proof = pipelineProof;
        if (proof == null || !PipelinedBatch.suits(this, proof)) {
            return null;
        }
        boolean verified = !"none".equals(proof.verifiedBy());
        return verified || requests.stream().allMatch(r -> r.sourceAction() == SourceAction.KEEP) ? proof : null;
    }

    /**
     * Transfers {@code requests} split into {@code lanes} runs of consecutive files, each over its own pair of
     * connections and pipelined ({@link #transferAll}); each lane stops at its first failure, the others finish.
     */
    public ParallelBatch transferInLanes(List<TransferRequest> requests, int lanes) {
        requests.forEach(request -> refuse(request));
        Map<TransferRequest, TransferResult> finished = new ConcurrentHashMap<>();
        Map<TransferRequest, FtpTransferException> failures = new ConcurrentHashMap<>();
        int run = (requests.size() + lanes - 1) / lanes;
        try (Lanes running = new Lanes(this, lanes, true, null)) {
            for (int from = 0; from < requests.size(); from += run) {
                running.submit(requests.subList(from, Math.min(requests.size(), from + run)), new Lanes.Outcome() {
                    @Override
                    public void copied(TransferRequest request, TransferResult result) {
                        finished.put(request, result);
                    }

                    @Override
                    public void failed(TransferRequest request, FtpTransferException failure) {
                        failures.put(request, failure);
                    }
                }, true);
            }
            running.awaitAll();
        }
        Map<TransferRequest, TransferResult> ordered = new java.util.LinkedHashMap<>();
        TransferRequest failed = null;
        for (TransferRequest request : requests) {
            if (finished.containsKey(request)) {
                ordered.put(request, finished.get(request));
            } else if (failed == null && failures.containsKey(request)) {
                failed = request;
            }
        }
        return new ParallelBatch(ordered, failed, failed == null ? null : failures.get(failed));
    }

    /**
     * Mirrors the source directory's tree to the target directory ({@link TreeSync}). With continueOnError a
     * failed file does not stop it.
     *
     * @throws SyncFailedException when any path failed, with the summary of everything done
     * @throws io.github.ftp3p.protocol.SameFileException when the two trees may overlap, before any command
     */
    public SyncSummary sync(SyncSettings sync) {
        SameFile.SYSTEM.refuseTrees(source, target);
        SyncSummary summary = new TreeSync(this, sync).run();
        if (summary.failed() > 0) {
            throw new SyncFailedException(summary);
        }
        return summary;
    }

    /**
     * Deletes this component's temporary files under the target directory that are at least {@code minimumAge}
     * old, down to {@code maxDepth} levels ({@link TemporaryFileCleanup}); only the target is connected to.
     *
     * @return the paths deleted
     */
    public List<String> cleanTemporaryFiles(Duration minimumAge, int maxDepth) {
        if (settings.tempPrefix() == null) {
            throw new InvalidSettingException("useTempFile", "is false: there are no temporary files to clean up");
        }
        Ranges.requireNotNegative("tempFileMaxAge", minimumAge);
        try (Lease lease = new Lease()) {
            return new TemporaryFileCleanup(this, minimumAge, maxDepth).run(lease.targetOnly());
        }
    }

    /** Counts a transfer finished outside {@link #transfer}. */
    void recordCompleted(TransferResult result) {
        long written = Math.max(0, result.size() - result.resumedFrom());
        completed.incrementAndGet();
        bytes.addAndGet(written);
        recorder.completed(result, written);
    }

    /** Counts a file that failed for good (after any retry) and tells its listener. */
    private void recordFailed(TransferRequest request, FtpTransferException failure) {
        failed.incrementAndGet();
        recorder.failed(failure);
        request.listener().failed(failure);
    }

    /** What is known of {@code side}'s server. */
    ServerProfile profile(Side side) {
        return profiles.get(side);
    }

    /** What is known of {@code side}'s server, recognised from {@code connection}'s greeting if not yet. */
    ServerProfile profile(Side side, ControlConnection connection) {
        return profiles.get(side).seen(connection);
    }

    /**
     * Whether commands to {@code side} may be written together before their replies: pipelining is on, and the
     * server has not been seen answering out of order.
     */
    boolean pipelines(Side side) {
        return settings.transfer().pipelining() && profiles.get(side).answersInOrder();
    }

    /** Sends {@code commands}, in one write when pipelining to that server, and reads their replies in order. */
    List<FtpReply> executeAll(ControlConnection connection, List<FtpCommand> commands) {
        return pipelines(connection.side()) ? connection.executeAll(commands)
                : commands.stream().map(connection::execute).toList();
    }

    /**
     * After a reply out of order: that server is written one command at a time from now on, for this client's
     * life. Returns whether this was news, warning once.
     */
    boolean learnOutOfOrder(FtpTransferException failure) {
        if (!(failure instanceof OutOfOrderReplyException) || !profiles.get(failure.side()).learnOutOfOrder()) {
            return false;
        }
        LOG.warn("The {} server {} answered pipelined commands out of order ({}); going on without pipelining to it",
                failure.side().label(), failure.side() == Side.SOURCE ? source.identity() : target.identity(),
                failure.getMessage());
        return true;
    }

    /**
     * MKD of each level that is not known to exist; a level that exists answers 550 or 521, which is fine.
     * Returns the levels the server said it created (257).
     */
    int ensureTargetDirectory(ControlConnection connection, String directory) {
        if (directory.isEmpty() || directory.equals("/") || targetDirectories.contains(directory)) {
            return 0;
        }
        int created = 0;
        StringBuilder path = new StringBuilder(directory.startsWith("/") ? "/" : "");
        for (String segment : directory.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append(segment);
            String level = path.toString();
            if (!targetDirectories.contains(level)) {
                FtpReply reply = connection.execute(FtpCommand.of("MKD", level));
                LOG.debug("MKD {}: {}", level, reply);
                created += reply.isPositive() ? 1 : 0;
                targetDirectories.add(level);
            }
            path.append('/');
        }
        targetDirectories.add(directory);
        return created;
    }

    /**
     * Deletes what killed processes left in {@code directory} (tempFileMaxAge), when it is due: at most once per
     * directory and tempFileMaxAge.
     */
    void sweepStaleTemporaryFiles(ControlConnection connection, String directory) {
        if (staleTemporaryFiles != null && staleTemporaryFiles.claim(directory, Instant.now())) {
            staleTemporaryFiles.sweep(this, connection, directory, Instant.now());
        }
    }

    /** What a listing's (or NLST's) data connection needs: the transfer options, socket factory and reply timeout. */
    PassiveData passiveData() {
        return new PassiveData(settings.transfer(), settings.connection().socketFactory(),
                settings.connection().replyTimeout());
    }

    /** {@code directory} listed with MLSD where {@code side}'s server offers it, else LIST parsed for its SYST type. */
    DirectoryListing listDirectory(Side side, ControlConnection connection, String directory) {
        ServerProfile profile = profile(side, connection);
        boolean mlsd = profile.features(connection).mlsd();
        return DirectoryListing.of(passiveData(), connection, directory, settings.tls(side), mlsd,
                mlsd ? null : profile.systemType(connection));
    }

    /** Logs {@code message} at WARN the first time {@code key} is seen by this client. */
    void warnOnce(String key, String message, Object... arguments) {
        if (warned.add(key)) {
            LOG.warn(message, arguments);
        }
    }

    /**
     * Opens a new connection to each server, logs in and closes it: a health check that the servers accept a
     * login now, not only that pooled connections are still open.
     */
    public void checkLogins() {
        for (Side side : Side.values()) {
            ControlConnection.open(side, side == Side.SOURCE ? source : target, settings.connection(), settings.tls(side))
                    .close();
        }
    }

    /** Transfers that succeeded since start. */
    public long transfersCompleted() {
        return completed.get();
    }

    /** Transfers that failed since start (each counted once, after any retry). */
    public long transfersFailed() {
        return failed.get();
    }

    /** Bytes written on targets since start, not counting what a resumed transfer had already written. */
    public long bytesTransferred() {
        return bytes.get();
    }

    /** Connections waiting in the pool, per side. */
    public int idleConnections(Side side) {
        return pool(side).idle();
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
     * Runs {@code work} with the leases made on this thread adding the round trips of their connections to
     * {@code count} (a sync's summary); the thread's earlier count, if any, is restored after.
     */
    static <T> T countingRoundTrips(LongAdder count, Supplier<T> work) {
        LongAdder earlier = ROUND_TRIPS.get();
        ROUND_TRIPS.set(count);
        try {
            return work.get();
        } finally {
            ROUND_TRIPS.set(earlier);
        }
    }

    /**
     * The two connections of one transfer. A connection left in an unknown state (aborted, lost) is replaced
     * on next use; both go back to their pools (or are closed) at the end. While held, the round trips on them
     * ({@link ControlConnection#roundTrips}) go to the count of the thread that made the lease, if it has one.
     */
    final class Lease implements AutoCloseable {

        private final LongAdder roundTrips = ROUND_TRIPS.get();
        private ControlConnection sourceConnection;
        private ControlConnection targetConnection;
        private long sourceStart;
        private long targetStart;
        /** This transfer may have written on the target: retrying on a new connection is no longer harmless. */
        boolean targetTouched;
        /** What was written is kept under the temporary name, so that a retry resumes from it. */
        boolean resumable;

        ControlConnection source() {
            acquire();
            return sourceConnection;
        }

        ControlConnection target() {
            acquire();
            return targetConnection;
        }

        /**
         * Borrows, or replaces when their state is unknown, both connections, always the source's first: two
         * transfers that each held one side while waiting for the other would wait for ever once a pool is
         * exhausted. A source replaced mid-transfer therefore gives its target back first.
         */
        private void acquire() {
            if (sourceConnection == null || !sourceConnection.isReusable()) {
                if (targetConnection != null) {
                    giveBack(Side.TARGET, false);
                }
                if (sourceConnection != null) {
                    giveBack(Side.SOURCE, true);
                }
                borrow(Side.SOURCE);
            }
            if (targetConnection == null || !targetConnection.isReusable()) {
                if (targetConnection != null) {
                    giveBack(Side.TARGET, true);
                }
                borrow(Side.TARGET);
            }
        }

        ControlConnection side(Side side) {
            return side == Side.SOURCE ? source() : target();
        }

        /**
         * The target connection alone, for removing what a failed transfer wrote: a source connection that is
         * gone is given back first rather than replaced, so that a dead source cannot keep a partial target file
         * in place. Holding nothing else while it waits, it cannot deadlock with another transfer.
         */
        ControlConnection targetOnly() {
            if (targetConnection != null && targetConnection.isReusable()) {
                return targetConnection;
            }
            if (sourceConnection != null && !sourceConnection.isReusable()) {
                giveBack(Side.SOURCE, true);
            }
            if (targetConnection != null) {
                giveBack(Side.TARGET, true);
            }
            if (sourceConnection != null) {
                // Holding a source while waiting for a target could deadlock with a transfer that does the reverse.
                giveBack(Side.SOURCE, false);
            }
            borrow(Side.TARGET);
            return targetConnection;
        }

        /** Neither connection may be used again: replies may still be in flight on them. */
        void giveUp() {
            if (sourceConnection != null) {
                sourceConnection.markBroken();
            }
            if (targetConnection != null) {
                targetConnection.markBroken();
            }
        }

        private void borrow(Side side) {
            ControlConnection connection = pool(side).borrow();
            if (side == Side.SOURCE) {
                sourceConnection = connection;
                sourceStart = connection.roundTrips();
            } else {
                targetConnection = connection;
                targetStart = connection.roundTrips();
            }
            profile(side, connection);
        }

        /** Back to its pool, or closed when {@code invalidate}; its round trips while held are counted first. */
        private void giveBack(Side side, boolean invalidate) {
            ControlConnection connection = side == Side.SOURCE ? sourceConnection : targetConnection;
            if (roundTrips != null) {
                roundTrips.add(connection.roundTrips() - (side == Side.SOURCE ? sourceStart : targetStart));
            }
            if (invalidate) {
                pool(side).invalidate(connection);
            } else {
                pool(side).release(connection);
            }
            if (side == Side.SOURCE) {
                sourceConnection = null;
            } else {
                targetConnection = null;
            }
        }

        @Override
        public void close() {
            if (sourceConnection != null) {
                giveBack(Side.SOURCE, false);
            }
            if (targetConnection != null) {
                giveBack(Side.TARGET, false);
            }
        }
    }
}
