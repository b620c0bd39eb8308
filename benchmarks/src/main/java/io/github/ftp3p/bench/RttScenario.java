package io.github.ftp3p.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scenario 3: per-file latency. A {@link DelayProxy} in front of each server's control port adds a round trip
 * time (half each way); the data connections go straight between the servers, as they would with two servers
 * close to each other and a client far from both. ftp3p (a fresh client JVM whose pools are warmed first)
 * against lftp {@code mirror}, with one connection pair and with four. The result is the time per file in
 * round trips.
 */
final class RttScenario {

    static final String SUB = "rtt";
    private static final int WARM_FILES = 8;

    private final Context ctx;

    RttScenario(Context ctx) {
        this.ctx = ctx;
    }

    void run(ServerPair pair) {
        int files = ctx.config().rttFiles();
        pair.directories(SUB);
        pair.directories(ManyFilesScenario.WARM);
        Fixtures.smallFiles(pair.source.local(SUB), ManyFilesScenario.PREFIX, files, BenchConfig.SMALL_FILE_SIZE);
        Fixtures.smallFiles(pair.source.local(ManyFilesScenario.WARM), ManyFilesScenario.WARM_PREFIX, WARM_FILES,
                BenchConfig.SMALL_FILE_SIZE);
        Path target = pair.target.local(SUB);
        Duration oneWay = Duration.ofNanos(ctx.config().rttMillis() * 1_000_000L / 2);

        try (DelayProxy sourceProxy = DelayProxy.start(pair.source.port(), oneWay);
             DelayProxy targetProxy = DelayProxy.start(pair.target.port(), oneWay)) {
            ServerPair far = pair.via(sourceProxy.port(), targetProxy.port());
            try (JvmClient ftp3p = JvmClient.ftp3p(far, ctx.config().ftp3pOptions())) {
                for (int parallel : List.of(1, 4)) {
                    ftp3p.copyAll(ManyFilesScenario.WARM, ManyFilesScenario.WARM_PREFIX, WARM_FILES, parallel);
                    Fixtures.clear(pair.target.local(ManyFilesScenario.WARM));
                    ftp3p.copyBatches(ManyFilesScenario.WARM, ManyFilesScenario.WARM_PREFIX, WARM_FILES, parallel);
                    Fixtures.clear(pair.target.local(ManyFilesScenario.WARM));

                    Map<String, Supplier<Measurement>> clients = new LinkedHashMap<>();
                    clients.put(Result.FTP3P, () -> checked(
                            ftp3p.copyAll(SUB, ManyFilesScenario.PREFIX, files, parallel), target, files));
                    clients.put(Result.FTP3P_BATCH, () -> checked(
                            ftp3p.copyBatches(SUB, ManyFilesScenario.PREFIX, files, parallel), target, files));
                    if (ctx.lftp() != null) {
                        clients.put(Result.LFTP, () -> checked(ctx.lftp().mirror(far, SUB, parallel), target, files));
                    }
                    String mode = parallel == 1 ? Result.SEQUENTIAL : Result.PARALLEL;
                    ctx.repeat(pair + ", " + files + " files at " + ctx.config().rttMillis() + " ms RTT, " + mode,
                                    pair, clients, target)
                            .forEach((client, m) -> ctx.report().add(new Result(Result.RTT, pair.name, mode, client, m, files)));
                }
            }
        }
    }

    private static Measurement checked(Measurement m, Path target, int files) {
        Context.expect(target, ManyFilesScenario.PREFIX, files, BenchConfig.SMALL_FILE_SIZE);
        return m;
    }
}
