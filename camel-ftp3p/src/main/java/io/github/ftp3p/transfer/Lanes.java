package io.github.ftp3p.transfer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.TransferFailedException;

/**
 * Copies files over up to N connection pairs at once, each lane on its own thread with its own pair of connections
 * from the pools, so maxConnections bounds them. Two ways to give them work:
 * <ul>
 * <li>{@link #submit}: fixed runs of consecutive files, each one {@link FxpClient#transferAll}, waiting in order for
 * a free lane (a {@code CamelFtp3pFileNames} batch split over lanes);</li>
 * <li>{@link #feed}: files queued as a listing finds them (a sync); a free lane takes the next ceil(queued / N)
 * of them, at most {@link #MAX_CHUNK}, as one pipelined batch (guided self-scheduling: long batches while the queue
 * is long, short ones at the end so that the lanes finish together).</li>
 * </ul>
 * With continueOnError a lane goes on after a failed file with the files after it; without, the first failure
 * stops every lane before its next batch (the running ones finish their file).
 */
final class Lanes implements AutoCloseable {

    /** What becomes of each file of a chunk. */
    interface Outcome {
        void copied(TransferRequest request, TransferResult result);

        void failed(TransferRequest request, FtpTransferException failure);
    }

    private static final AtomicInteger POOLS = new AtomicInteger();
    /** The most files one fed lane takes at once: the batch's drain (its last files' renames) is then a small part. */
    static final int MAX_CHUNK = 100;

    private final FxpClient client;
    private final boolean continueOnError;
    private final ExecutorService executor;
    private final int lanes;
    /** Where the lanes' round trips are counted, or null. */
    private final LongAdder roundTrips;
    private final List<Future<?>> chunks = new ArrayList<>();
    /** Files fed and not yet taken by a lane; guarded by itself. */
    private final Deque<TransferRequest> queue = new ArrayDeque<>();
    /** What becomes of the fed files. */
    private Outcome fed;
    private boolean fedAll;
    private volatile boolean stopped;

    /** @param roundTrips where the round trips of the lanes' connections are added, or null */
    Lanes(FxpClient client, int lanes, boolean continueOnError, LongAdder roundTrips) {
        this.client = client;
        this.roundTrips = roundTrips;
        this.continueOnError = continueOnError;
        this.lanes = lanes;
        int pool = POOLS.incrementAndGet();
        AtomicInteger lane = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(lanes, task -> {
            Runnable counted = roundTrips == null ? task : () -> FxpClient.countingRoundTrips(roundTrips, () -> {
                task.run();
                return null;
            });
            Thread thread = new Thread(counted, "ftp3p-lane-" + pool + "-" + lane.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues {@code chunk} for the next free lane.
     *
     * @param stopAtFailure this chunk ends at its first failure, whatever continueOnError says, the others go on
     */
    void submit(List<TransferRequest> chunk, Outcome outcome, boolean stopAtFailure) {
        chunks.add(executor.submit(() -> run(List.copyOf(chunk), outcome, stopAtFailure)));
    }

    /**
     * Queues {@code files} for the lanes, which start on the first call; {@link #fedAll} says there are no more.
     *
     * @param outcome the same for every call
     */
    void feed(List<TransferRequest> files, Outcome outcome) {
        synchronized (queue) {
            queue.addAll(files);
            queue.notifyAll();
            if (fed == null) {
                fed = outcome;
                for (int i = 0; i < lanes; i++) {
                    chunks.add(executor.submit(this::takeAndRun));
                }
            }
        }
    }

    /** No more files will be fed: each lane ends once the queue is empty. */
    void fedAll() {
        synchronized (queue) {
            fedAll = true;
            queue.notifyAll();
        }
    }

    private void takeAndRun() {
        for (List<TransferRequest> chunk = take(); !chunk.isEmpty() && !stopped; chunk = take()) {
            run(chunk, fed, false);
        }
    }

    /** The next files for a free lane, waiting while the queue is empty and more may come; empty at the end. */
    private List<TransferRequest> take() {
        synchronized (queue) {
            while (queue.isEmpty() && !fedAll && !stopped) {
                try {
                    // Bounded by the feeder: it calls fedAll when its listing ends, or fails, or the sync is closed.
                    queue.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
            int size = Math.min(MAX_CHUNK, (queue.size() + lanes - 1) / lanes);
            List<TransferRequest> chunk = new ArrayList<>(size);
            while (chunk.size() < size) {
                chunk.add(queue.poll());
            }
            return chunk;
        }
    }

    private void run(List<TransferRequest> chunk, Outcome outcome, boolean stopAtFailure) {
        List<TransferRequest> rest = chunk;
        while (!rest.isEmpty() && !stopped) {
            BatchResult batch;
            try {
                batch = client.transferAll(rest);
            } catch (FtpTransferException e) {
                // Refused before its first file was sent (one file on both sides): none of them was touched.
                rest.forEach(request -> outcome.failed(request, e));
                stopped |= !continueOnError;
                return;
            }
            for (int i = 0; i < batch.results().size(); i++) {
                outcome.copied(rest.get(i), batch.results().get(i));
            }
            if (batch.succeeded()) {
                return;
            }
            int failed = batch.failedIndex();
            outcome.failed(rest.get(failed), batch.failure());
            List<TransferRequest> ran = rest;
            batch.finishedAfter().forEach((index, result) -> outcome.copied(ran.get(index), result));
            if (stopAtFailure) {
                return;
            }
            if (!continueOnError) {
                stopped = true;
                return;
            }
            List<TransferRequest> left = new ArrayList<>();
            for (int i = failed + 1; i < rest.size(); i++) {
                if (!batch.finishedAfter().containsKey(i)) {
                    left.add(rest.get(i));
                }
            }
            rest = left;
        }
    }

    /** Whether a failure stopped the lanes (never with continueOnError). */
    boolean stopped() {
        return stopped;
    }

    /** Waits until every chunk submitted so far ran (or was skipped after a stop). */
    void awaitAll() {
        for (Future<?> chunk : chunks) {
            try {
                chunk.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransferFailedException("a tree sync", new IllegalStateException("interrupted", e));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new TransferFailedException("a tree sync", cause instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(cause));
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (queue) {
            queue.notifyAll();
        }
        executor.shutdownNow();
    }
}
