package io.github.ftp3p.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scenario 2: many 4 KiB files, one at a time and four at a time: ftp3p (an exchange per file, 4 threads sharing one
 * endpoint; and in batches, one exchange naming all files, or four naming a quarter each) against
 * lftp {@code mirror} / {@code mirror --parallel=4} (FXP) and the camel-ftp relay (4 routes).
 */
final class ManyFilesScenario {

    static final String SUB = "small";
    static final String PREFIX = "f-";
    static final String WARM = "warm";
    static final String WARM_PREFIX = "w-";
    static final int WARM_FILES = 50;

    private final Context ctx;

    ManyFilesScenario(Context ctx) {
        this.ctx = ctx;
    }

    void run(ServerPair pair, JvmClient ftp3p, JvmClient relay) {
        int files = ctx.config().files();
        int size = BenchConfig.SMALL_FILE_SIZE;
        pair.directories(SUB);
        pair.directories(WARM);
        Fixtures.smallFiles(pair.source.local(SUB), PREFIX, files, size);
        Fixtures.smallFiles(pair.source.local(WARM), WARM_PREFIX, WARM_FILES, size);
        Path target = pair.target.local(SUB);

        for (int parallel : List.of(1, 4)) {
            ftp3p.copyAll(WARM, WARM_PREFIX, WARM_FILES, parallel);
            Fixtures.clear(pair.target.local(WARM));
            ftp3p.copyBatches(WARM, WARM_PREFIX, WARM_FILES, parallel);
            relay.copyAll(WARM, WARM_PREFIX, WARM_FILES, parallel);
            Fixtures.clear(pair.target.local(WARM));

            Map<String, Supplier<Measurement>> clients = new LinkedHashMap<>();
            clients.put(Result.FTP3P, () -> checked(ftp3p.copyAll(SUB, PREFIX, files, parallel), target, files));
            clients.put(Result.FTP3P_BATCH, () -> checked(ftp3p.copyBatches(SUB, PREFIX, files, parallel), target, files));
            if (ctx.lftp() != null) {
                clients.put(Result.LFTP, () -> checked(ctx.lftp().mirror(pair, SUB, parallel), target, files));
            }
            clients.put(Result.RELAY, () -> checked(relay.copyAll(SUB, PREFIX, files, parallel), target, files));
            String mode = parallel == 1 ? Result.SEQUENTIAL : Result.PARALLEL;
            ctx.repeat(pair + ", " + files + " x 4 KiB, " + mode, pair, clients, target)
                    .forEach((client, m) -> ctx.report().add(new Result(Result.MANY, pair.name, mode, client, m, files)));
        }
    }

    private static Measurement checked(Measurement m, Path target, int files) {
        Context.expect(target, PREFIX, files, BenchConfig.SMALL_FILE_SIZE);
        return m;
    }
}
