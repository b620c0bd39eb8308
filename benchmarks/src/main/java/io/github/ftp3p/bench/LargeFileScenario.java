package io.github.ftp3p.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scenario 1: one large file, ftp3p against lftp's FXP {@code get} and the camel-ftp relay. ftp3p also copies a
 * file 16 times smaller in its -Xmx64m JVM, for the heap baseline. lftp's control connections go through a
 * counting proxy without delay, to count its bytes.
 */
final class LargeFileScenario {

    static final String SUB = "large";
    static final String BIG = "big.bin";
    static final String MID = "mid.bin";

    private final Context ctx;

    LargeFileScenario(Context ctx) {
        this.ctx = ctx;
    }

    /** Writes the two files once; every pair gets hard links to them. */
    static void prepare(Path data, long size) {
        Fixtures.directory(data);
        Fixtures.randomFile(data.resolve(BIG), size, 1);
        Fixtures.randomFile(data.resolve(MID), size / 16, 2);
    }

    void run(ServerPair pair, JvmClient ftp3p, JvmClient relay) {
        long size = ctx.config().size();
        pair.directories(SUB);
        Path data = ctx.work().resolve("data");
        Fixtures.link(pair.source.local(SUB).resolve(BIG), data.resolve(BIG));
        Fixtures.link(pair.source.local(SUB).resolve(MID), data.resolve(MID));
        Path target = pair.target.local(SUB);

        // Warm-up: connections, class loading, JIT.
        ftp3p.copy(SUB, MID);
        relay.copy(SUB, MID);
        Fixtures.clear(target);

        try (DelayProxy sourceProxy = DelayProxy.start(pair.source.port(), Duration.ZERO);
             DelayProxy targetProxy = DelayProxy.start(pair.target.port(), Duration.ZERO)) {
            ServerPair counted = pair.via(sourceProxy.port(), targetProxy.port());
            Map<String, Supplier<Measurement>> clients = new LinkedHashMap<>();
            clients.put(Result.FTP3P, () -> checked(ftp3p.copy(SUB, BIG), target, BIG, size));
            clients.put(Result.HEAP, () -> checked(ftp3p.copy(SUB, MID), target, MID, size / 16));
            if (ctx.lftp() != null) {
                clients.put(Result.LFTP, () -> {
                    sourceProxy.resetBytes();
                    targetProxy.resetBytes();
                    Measurement m = ctx.lftp().get(counted, SUB, BIG);
                    return checked(new Measurement(m.wallNanos(), m.cpuNanos(), m.memoryBytes(),
                            sourceProxy.bytes() + targetProxy.bytes()), target, BIG, size);
                });
            }
            clients.put(Result.RELAY, () -> checked(relay.copy(SUB, BIG), target, BIG, size));

            ctx.repeat(pair + ", one " + BenchConfig.formatSize(size) + " file", pair, clients, target)
                    .forEach((client, m) -> ctx.report().add(client.equals(Result.HEAP)
                            ? new Result(Result.HEAP, pair.name, "", Result.FTP3P, m, 1)
                            : new Result(Result.LARGE, pair.name, "", client, m, 1)));
        }
    }

    private static Measurement checked(Measurement m, Path target, String name, long size) {
        Context.expect(target, name, 1, size);
        return m;
    }
}
