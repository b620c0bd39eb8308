package io.github.ftp3p.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Runs the scenarios of issues 7, 13 and 15 (those {@code bench.scenarios} selects) on loopback, prints the tables and the goals, and writes
 * {@code performance.txt} and {@code performance.png} into {@code bench.out}. Settings: {@link BenchConfig}.
 * Servers and clients all run outside this JVM (child JVMs and server processes), and all of them are stopped
 * before it ends.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // A safety net: whatever this run started goes with it, even when it is interrupted.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        BenchConfig config = BenchConfig.fromSystemProperties();
        Report report = new Report(config);
        Path work = Files.createTempDirectory(Path.of(System.getProperty("bench.work",
                System.getProperty("java.io.tmpdir"))), "ftp3p-bench");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.err.println("[bench] " + config + ", work directory " + work);
        try {
            Lftp lftp = Lftp.available() ? new Lftp(work) : null;
            if (lftp == null) {
                report.note(Lftp.BINARY + " is not installed: no lftp figures");
            }
            Context ctx = new Context(config, report, lftp, work);
            if (config.runs(BenchConfig.LARGE)) {
                LargeFileScenario.prepare(work.resolve("data"), config.size());
            }
            for (String kind : config.pairsToStart()) {
                attempt(ctx, "the " + kind + " pair", () -> runPair(ctx, kind));
            }
        } finally {
            Fixtures.deleteTree(work);
        }
        String text = report.render();
        System.out.println();
        System.out.print(text);
        Files.createDirectories(config.out());
        Files.writeString(config.out().resolve("performance.txt"), text);
        Chart.write(report, config.out().resolve("performance.png"));
        System.out.println("\nwritten: " + config.out().resolve("performance.txt") + ", "
                + config.out().resolve("performance.png"));
    }

    private static void runPair(Context ctx, String kind) {
        Optional<ServerPair> started = ServerPair.start(kind, ctx.work());
        if (started.isEmpty()) {
            ctx.report().note("the " + kind + " pair is not installed here: skipped");
            return;
        }
        BenchConfig config = ctx.config();
        try (ServerPair pair = started.get()) {
            if (config.pairs().contains(kind) && (config.runs(BenchConfig.LARGE) || config.runs(BenchConfig.MANY))) {
                try (JvmClient ftp3p = JvmClient.ftp3p(pair, config.ftp3pOptions());
                     JvmClient relay = JvmClient.relay(pair)) {
                    if (config.runs(BenchConfig.LARGE)) {
                        attempt(ctx, kind + " large file", () -> new LargeFileScenario(ctx).run(pair, ftp3p, relay));
                    }
                    if (config.runs(BenchConfig.MANY)) {
                        attempt(ctx, kind + " many files", () -> new ManyFilesScenario(ctx).run(pair, ftp3p, relay));
                    }
                }
            }
            if (config.runs(BenchConfig.RTT) && kind.equals(config.rttPair())) {
                attempt(ctx, kind + " RTT", () -> new RttScenario(ctx).run(pair));
            }
            if (config.runs(BenchConfig.TREE) && config.tree().pairs().contains(kind)) {
                attempt(ctx, kind + " tree", () -> new TreeScenario(ctx).run(pair));
            }
            if (config.runs(BenchConfig.PARTNERS) && kind.equals(ServerPair.FTPSERVER)) {
                attempt(ctx, kind + " partners", () -> new PartnersScenario(ctx).run(pair));
            }
        }
    }

    /** A scenario (or a pair) that fails is reported, and the run goes on. */
    private static void attempt(Context ctx, String what, Runnable scenario) {
        try {
            scenario.run();
        } catch (RuntimeException e) {
            e.printStackTrace();
            ctx.report().note(what + " failed: " + e.getMessage());
        }
    }
}
