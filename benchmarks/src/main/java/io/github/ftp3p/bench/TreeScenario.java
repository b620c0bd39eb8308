package io.github.ftp3p.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scenario 4 (issue 13): a directory tree, 2,000 files of 4 KiB in 40 directories, mirrored into an empty target and
 * then, unchanged, once more, behind a {@link DelayProxy} at each configured round trip time: ftp3p sync with 1, 4
 * and 8 lanes (parallelTransfers, maxConnections = lanes + 1) against lftp mirror with the same --parallel (FXP).
 * The re-run must transfer nothing: the servers' own records count its RETR and STOR commands, ftp3p's summary
 * its copies, and a snapshot of the target (size, time, inode of each file) shows whether anything was rewritten.
 * Last, on the embedded pair, ftp3p's heap over a sync of a 10,000-file tree ({@link #heap}).
 * <p>
 * Before the measured repetitions, each ftp3p lane count syncs the tree once, unmeasured: a fresh JVM spends seconds
 * compiling its hot code, the client's and the embedded servers' alike. Measured cold, the first client to run paid
 * for both (on Apache FtpServer, one lane: 5.98 s with 1.90 s of client CPU, against 4.34 s and 0.35 s when run
 * last); an integration host runs for days. lftp, native code, needs no such round, and finds the servers warm.
 */
final class TreeScenario {

    static final String SUB = "tree";
    static final String WARM = "tree-warm";
    static final String HEAP = "tree-heap";
    /** One directory of 16 files: with 8 lanes, chunks of 2, so that every lane's connection pair logs in. */
    private static final TreeFixture WARM_TREE = new TreeFixture(16, 1, BenchConfig.SMALL_FILE_SIZE);

    /**
     * One client's fresh copy or re-run: its measurement, the files its summary says it copied and the round trips
     * it counted (-1: no summary).
     */
    private record Run(Measurement m, int copied, long roundTrips) {
    }

    private final Context ctx;
    private final TreeConfig config;

    TreeScenario(Context ctx) {
        this.ctx = ctx;
        this.config = ctx.config().tree();
    }

    void run(ServerPair pair) {
        TreeFixture tree = new TreeFixture(config.files(), config.directories(), BenchConfig.SMALL_FILE_SIZE);
        pair.directories(SUB);
        pair.directories(WARM);
        tree.write(pair.source.local(SUB));
        WARM_TREE.write(pair.source.local(WARM));
        for (int rtt : config.rtts()) {
            atRoundTrip(pair, tree, rtt);
        }
        if (pair.name.equals(ServerPair.FTPSERVER) && config.heapFiles() > 0) {
            heap(pair);
        }
    }

    private void atRoundTrip(ServerPair pair, TreeFixture tree, int rttMillis) {
        Duration oneWay = Duration.ofNanos(rttMillis * 1_000_000L / 2);
        Path target = pair.target.local(SUB);
        try (DelayProxy sourceProxy = DelayProxy.start(pair.source.port(), oneWay);
             DelayProxy targetProxy = DelayProxy.start(pair.target.port(), oneWay)) {
            ServerPair far = pair.via(sourceProxy.port(), targetProxy.port());
            try (JvmClient ftp3p = JvmClient.ftp3p(far, ctx.config().ftp3pOptions())) {
                Map<String, Supplier<Run>> clients = new LinkedHashMap<>();
                for (int lanes : config.lanes()) {
                    ftp3p.sync(WARM, lanes); // logs in every connection pair the endpoint of that lane count uses
                    discard(pair.target.local(WARM));
                    ftp3p.sync(SUB, lanes); // the unmeasured round: see warmUp
                    discard(target);
                    clients.put(key(TreeResult.FTP3P, lanes), () -> {
                        JvmClient.SyncRun run = ftp3p.sync(SUB, lanes);
                        if (run.failed() > 0) {
                            throw new IllegalStateException("ftp3p sync: " + run.failed() + " paths failed");
                        }
                        return new Run(run.m(), run.copied(), run.roundTrips());
                    });
                }
                if (ctx.lftp() != null) {
                    for (int lanes : config.lanes()) {
                        clients.put(key(TreeResult.LFTP, lanes), () -> new Run(ctx.lftp().mirror(far, SUB, lanes), -1, -1));
                    }
                }
                repeat(pair, tree, rttMillis, target, clients);
            }
        }
    }

    /** Empties a target directory between timed runs: see {@link Fixtures#moveAside}. */
    private void discard(Path dir) {
        Fixtures.moveAside(dir, ctx.work().resolve("tree-discarded"));
    }

    private static String key(String client, int lanes) {
        return client + " x" + lanes;
    }

    /**
     * Each repetition runs every client (starting with the next one each time, as {@link Context#repeat} does):
     * an empty target, the fresh copy, checked; the unchanged re-run, counted; the target emptied again.
     */
    private void repeat(ServerPair pair, TreeFixture tree, int rttMillis, Path target, Map<String, Supplier<Run>> clients) {
        Map<String, List<Measurement>> fresh = new LinkedHashMap<>();
        Map<String, List<Measurement>> rerun = new LinkedHashMap<>();
        Map<String, List<Long>> counted = new LinkedHashMap<>(); // the fresh copies' counted round trips
        Map<String, long[]> rerunCounts = new LinkedHashMap<>(); // the most transfers, the most copies, changed runs
        for (int rep = 1; rep <= config.reps(); rep++) {
            List<Map.Entry<String, Supplier<Run>>> order = new ArrayList<>(clients.entrySet());
            Collections.rotate(order, -(rep - 1));
            for (Map.Entry<String, Supplier<Run>> client : order) {
                discard(target);
                long timeWait = TimeWait.awaitBelow(ctx.config().maxTimeWait(), Duration.ofMinutes(2));
                long serverBefore = pair.serverCpuNanos();
                Run first = client.getValue().get();
                long serverAfter = pair.serverCpuNanos();
                Measurement firstM = first.m().withServerNanos(serverBefore < 0 || serverAfter < 0 ? -1
                        : serverAfter - serverBefore);
                tree.expectCopied(target);
                Map<String, String> before = TreeFixture.snapshot(target);
                long transfersBefore = pair.transfers();
                Run second = client.getValue().get();
                long transfersAfter = pair.transfers();
                boolean unchanged = before.equals(TreeFixture.snapshot(target));
                discard(target);
                long transfers = transfersBefore < 0 || transfersAfter < 0 ? -1 : transfersAfter - transfersBefore;
                System.err.printf("[bench] %s tree at %d ms RTT, run %d/%d, %s: %.2f s (client CPU %.2f s, servers %.2f s), "
                                + "re-run %.2f s, %d transfers, target %s (%d sockets in TIME_WAIT before)%n", pair,
                        rttMillis, rep, config.reps(), client.getKey(), firstM.seconds(), firstM.cpuSeconds(),
                        firstM.serverNanos() / 1e9, second.m().seconds(), transfers, unchanged ? "unchanged" : "CHANGED",
                        timeWait);
                fresh.computeIfAbsent(client.getKey(), k -> new ArrayList<>()).add(firstM);
                counted.computeIfAbsent(client.getKey(), k -> new ArrayList<>()).add(first.roundTrips());
                rerun.computeIfAbsent(client.getKey(), k -> new ArrayList<>()).add(second.m());
                long[] counts = rerunCounts.computeIfAbsent(client.getKey(), k -> new long[] {-1, -1, 0});
                counts[0] = Math.max(counts[0], transfers);
                counts[1] = Math.max(counts[1], second.copied());
                counts[2] += unchanged ? 0 : 1;
            }
        }
        for (String key : clients.keySet()) {
            String client = key.substring(0, key.lastIndexOf(" x"));
            int lanes = Integer.parseInt(key.substring(key.lastIndexOf(" x") + 2));
            long[] counts = rerunCounts.get(key);
            ctx.report().add(new TreeResult(pair.name, rttMillis, client, lanes, tree.files(), tree.directories(),
                    Measurement.median(fresh.get(key)), TreeResult.Spread.of(fresh.get(key)),
                    Measurement.median(rerun.get(key)), TreeResult.Spread.of(rerun.get(key)),
                    counts[0], (int) counts[1], counts[2] == 0,
                    counted.get(key).stream().sorted().toList().get((counted.get(key).size() - 1) / 2)));
        }
    }

    /**
     * ftp3p's heap over a sync of a tree of bench.heapFiles files (50 a directory), with one lane and with the most
     * lanes, straight to the servers: the listing must be held once, not per lane, and nothing may stay behind. The
     * endpoint of each lane count is warmed first on a small tree in the same directory (its URI, its pools and
     * logins exist before the heap is taken). Its timings mean nothing (thousands of sockets in TIME_WAIT), so it
     * does not wait for them.
     */
    private void heap(ServerPair pair) {
        int files = config.heapFiles();
        TreeFixture tree = new TreeFixture(files, Math.max(1, files / config.filesPerDirectory()), BenchConfig.SMALL_FILE_SIZE);
        pair.directories(HEAP);
        Path source = pair.source.local(HEAP);
        Path target = pair.target.local(HEAP);
        int most = config.lanes().stream().mapToInt(Integer::intValue).max().orElse(1);
        try (JvmClient ftp3p = JvmClient.ftp3p(pair, ctx.config().ftp3pOptions())) {
            for (int lanes : List.of(1, most)) {
                Fixtures.clear(source);
                WARM_TREE.write(source);
                ftp3p.sync(HEAP, lanes);
                Fixtures.clear(target);
                tree.write(source);
                JvmClient.SyncRun run = ftp3p.sync(HEAP, lanes);
                tree.expectCopied(target);
                Fixtures.clear(target);
                pair.transfers(); // lets the embedded servers forget the commands they recorded
                System.err.printf("[bench] %s heap, %d files, %d lanes: %.2f s, peak %.1f MiB, after GC %.2f -> %.2f MiB%n",
                        pair, files, lanes, run.m().seconds(), run.m().memoryBytes() / 1048576.0,
                        run.retainedBefore() / 1048576.0, run.retainedAfter() / 1048576.0);
                ctx.report().add(new HeapResult(pair.name, files, tree.directories(), lanes, run.m().memoryBytes(),
                        run.retainedBefore(), run.retainedAfter()));
            }
        } finally {
            Fixtures.clear(source);
        }
    }
}
