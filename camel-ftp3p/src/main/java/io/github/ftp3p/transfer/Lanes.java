package io.github.ftp3p.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.TransferFailedException;

/**
 * Copies chunks of files over up to N connection pairs at once: each chunk is one {@link FxpClient#transferAll}
 * (its first file on its own, the rest pipelined), on its own lane thread with its own pair of connections from
 * the pools, so maxConnections bounds them. Chunks wait in order for a free lane; a caller can go on listing
 * while they run. With continueOnError a chunk goes on after a failed file with the files after it; without, the
 * first failure stops every lane before its next chunk (the running ones finish their file).
 */
final class Lanes implements AutoCloseable {

    /** What becomes of each file of a chunk. */
    interface Outcome {
        void copied(TransferRequest request, TransferResult result);

        void failed(TransferRequest request, FtpTransferException failure);
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final FxpClient client;
    private final boolean continueOnError;
    private final ExecutorService executor;
    private final List<Future<?>> chunks = new ArrayList<>();
    private volatile boolean stopped;

    Lanes(FxpClient client, int lanes, boolean continueOnError) {
        this.client = client;
        this.continueOnError = continueOnError;
        int pool = POOLS.incrementAndGet();
        AtomicInteger lane = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(lanes, task -> {
            Thread thread = new Thread(task, "ftp3p-lane-" + pool + "-" + lane.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues {@code chunk} for the next free lane. */
    void submit(List<TransferRequest> chunk, Outcome outcome) {
        submit(chunk, outcome, false);
    }

    /** @param stopAtFailure this chunk ends at its first failure, whatever continueOnError says, the others go on */
    void submit(List<TransferRequest> chunk, Outcome outcome, boolean stopAtFailure) {
        chunks.add(executor.submit(() -> run(List.copyOf(chunk), outcome, stopAtFailure)));
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
            int failed = batch.results().size();
            outcome.failed(rest.get(failed), batch.failure());
            if (stopAtFailure) {
                return;
            }
            if (!continueOnError) {
                stopped = true;
                return;
            }
            rest = rest.subList(failed + 1, rest.size());
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
        executor.shutdownNow();
    }
}
