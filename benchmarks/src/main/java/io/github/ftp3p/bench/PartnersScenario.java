package io.github.ftp3p.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node, many partners (issue 15): an endpoint per partner on the embedded pair, one file each, then idle; run
 * in a client JVM of its own ({@link PartnersMain}) so that its threads, heap and descriptors are ftp3p's alone.
 */
final class PartnersScenario {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final Context ctx;

    PartnersScenario(Context ctx) {
        this.ctx = ctx;
    }

    void run(ServerPair pair) {
        PartnersConfig config = ctx.config().partners();
        List<String> names = new ArrayList<>(List.of(PartnersMain.WARM_UP));
        for (int i = 0; i < config.endpoints(); i++) {
            names.add(PartnersMain.partner(i));
        }
        for (String name : names) {
            Fixtures.randomFile(Fixtures.directory(pair.source.local("partners/" + name)).resolve(PartnersMain.FILE),
                    BenchConfig.SMALL_FILE_SIZE, name.hashCode());
            Fixtures.directory(pair.target.local("partners/" + name));
        }
        List<String> args = new ArrayList<>(pair.source.toArgs("source"));
        args.addAll(pair.target.toArgs("target"));
        args.addAll(List.of("endpoints=" + config.endpoints(), "idleTimeout=" + config.idleTimeout(),
                "idle=" + config.idleMillis(), "parallel=" + config.parallel()));
        String reply;
        try (ChildJvm child = ChildJvm.start("partners@" + pair.name, List.of("-Xmx512m"), PartnersMain.class, args)) {
            reply = child.reply(TIMEOUT);
        }
        if (!reply.startsWith("ok ")) {
            throw new IllegalStateException("partners client failed: " + reply);
        }
        PartnersResult result = PartnersResult.parse(reply.substring(3));
        long copied = names.stream().skip(1).filter(n -> Fixtures.count(pair.target.local("partners/" + n),
                PartnersMain.FILE, BenchConfig.SMALL_FILE_SIZE) == 1).count();
        if (copied != config.endpoints()) {
            throw new IllegalStateException("expected " + config.endpoints() + " partners' files on the target, found "
                    + copied);
        }
        System.err.printf("[bench] partners: %d endpoints copied in %.1f s%n", result.endpoints(), result.copySeconds());
        ctx.report().add(result);
    }
}
