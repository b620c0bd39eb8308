package io.github.ftp3p.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The results of a run, and the text that shows them: one table per scenario, then the goals. */
final class Report {

    private static final double MIB = 1024.0 * 1024.0;

    final BenchConfig config;
    final ZonedDateTime started = ZonedDateTime.now();
    /** The machine's load when the run started: other work on it skews every figure. */
    private final String loadAtStart = loadAverage();
    private final long timeWaitAtStart = TimeWait.count();
    private final List<Result> results = new ArrayList<>();
    private final List<TreeResult> treeResults = new ArrayList<>();
    private final List<HeapResult> heapResults = new ArrayList<>();
    private final List<PartnersResult> partnersResults = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(BenchConfig config) {
        this.config = config;
    }

    void add(Result result) {
        results.add(result);
    }

    void add(TreeResult result) {
        treeResults.add(result);
    }

    void add(HeapResult result) {
        heapResults.add(result);
    }

    void add(PartnersResult result) {
        partnersResults.add(result);
    }

    List<PartnersResult> partnersResults() {
        return List.copyOf(partnersResults);
    }

    List<TreeResult> treeResults() {
        return List.copyOf(treeResults);
    }

    List<HeapResult> heapResults() {
        return List.copyOf(heapResults);
    }

    /** A line printed under the tables (a pair that was skipped, a scenario that failed). */
    void note(String note) {
        notes.add(note);
    }

    List<Result> results() {
        return List.copyOf(results);
    }

    Optional<Result> find(String scenario, String pair, String mode, String client) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.pair().equals(pair)
                && r.mode().equals(mode) && r.client().equals(client)).findFirst();
    }

    List<String> pairs(String scenario) {
        LinkedHashSet<String> pairs = new LinkedHashSet<>();
        results.stream().filter(r -> r.scenario().equals(scenario)).forEach(r -> pairs.add(r.pair()));
        return List.copyOf(pairs);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("ftp3p benchmark, ").append(started.format(DateTimeFormatter.ISO_LOCAL_DATE)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, median of ")
                .append(config.reps()).append(config.reps() == 1 ? " run" : " runs")
                .append(config.runs(BenchConfig.TREE) ? " (tree: " + config.tree().reps() + ")" : "").append("; load average ")
                .append(loadAtStart).append(" at the start, ").append(loadAverage()).append(" at the end; sockets in ")
                .append("TIME_WAIT ").append(timeWaitAtStart).append(" at the start, ").append(TimeWait.count())
                .append(" at the end\n")
                .append("ftp3p under test: ").append(componentBuild()).append("\n\n");
        if (config.runs(BenchConfig.LARGE)) {
            out.append(large()).append('\n');
        }
        if (config.runs(BenchConfig.MANY)) {
            out.append(many()).append('\n');
        }
        if (config.runs(BenchConfig.RTT)) {
            out.append(rtt()).append('\n');
        }
        if (config.runs(BenchConfig.TREE)) {
            out.append(TreeReport.render(this)).append('\n');
        }
        if (config.runs(BenchConfig.PARTNERS)) {
            out.append(PartnersReport.render(this)).append('\n');
        }
        out.append("Goals\n").append(Goals.table(Goals.evaluate(this)));
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** Where the ftp3p component came from and when it was built: the core changes between runs. */
    private static String componentBuild() {
        try {
            Path jar = Path.of(io.github.ftp3p.camel.Ftp3pComponent.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return jar + ", modified " + Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private String large() {
        StringBuilder out = new StringBuilder("1. One " + BenchConfig.formatSize(config.size()) + " file\n");
        Table table = new Table("pair", "client", "wall s", "MiB/s", "CPU s", "memory MiB", "host bytes");
        for (String pair : pairs(Result.LARGE)) {
            for (String client : List.of(Result.FTP3P, Result.LFTP, Result.RELAY)) {
                find(Result.LARGE, pair, "", client).ifPresent(r -> table.row(pair, client,
                        Table.number(r.m().seconds(), 2),
                        Table.number(config.size() / MIB / r.m().seconds(), 0),
                        Table.number(r.m().cpuSeconds(), 3),
                        Table.number(r.m().memoryBytes() / MIB, 1),
                        r.m().socketBytes() < 0 ? "-" : String.format("%,d", r.m().socketBytes())));
            }
        }
        out.append(table.render());
        Table ratios = new Table("pair", "ftp3p/lftp wall", "ftp3p/relay wall", "ftp3p/relay CPU",
                "ftp3p heap " + BenchConfig.formatSize(config.size()) + "/" + BenchConfig.formatSize(config.size() / 16));
        for (String pair : pairs(Result.LARGE)) {
            ratios.row(pair, ratio(Result.LARGE, pair, "", Result.LFTP, Measurement::wallNanos),
                    ratio(Result.LARGE, pair, "", Result.RELAY, Measurement::wallNanos),
                    ratio(Result.LARGE, pair, "", Result.RELAY, Measurement::cpuNanos),
                    heapRatio(pair).map(v -> Table.number(v, 2)).orElse("-"));
        }
        out.append('\n').append(ratios.render());
        out.append("memory: peak heap of the client JVM (ftp3p with -Xmx64m), lftp's peak resident set; host bytes: "
                + "bytes on the client's sockets (lftp: through a counting proxy on its control connections)\n");
        return out.toString();
    }

    Optional<Double> heapRatio(String pair) {
        Optional<Result> big = find(Result.LARGE, pair, "", Result.FTP3P);
        Optional<Result> mid = find(Result.HEAP, pair, "", Result.FTP3P);
        return big.isPresent() && mid.isPresent()
                ? Optional.of((double) big.get().m().memoryBytes() / mid.get().m().memoryBytes()) : Optional.empty();
    }

    private String ratio(String scenario, String pair, String mode, String other,
                         java.util.function.ToLongFunction<Measurement> value) {
        Optional<Result> ftp3p = find(scenario, pair, mode, Result.FTP3P);
        Optional<Result> them = find(scenario, pair, mode, other);
        if (ftp3p.isEmpty() || them.isEmpty() || value.applyAsLong(them.get().m()) <= 0
                || value.applyAsLong(ftp3p.get().m()) < 0) {
            return "-";
        }
        return Table.number((double) value.applyAsLong(ftp3p.get().m()) / value.applyAsLong(them.get().m()), 3);
    }

    private String many() {
        StringBuilder out = new StringBuilder("2. " + config.files() + " files of 4 KiB, one at a time (seq) and 4 at "
                + "a time (x4; lftp: mirror --parallel=4)\n");
        Table table = new Table("pair", "mode", "client", "wall s", "files/s", "client CPU ms/file",
                "servers CPU ms/file", "host bytes/file", "ftp3p batch speed-up");
        for (String pair : pairs(Result.MANY)) {
            for (String mode : List.of(Result.SEQUENTIAL, Result.PARALLEL)) {
                Optional<Result> ftp3p = find(Result.MANY, pair, mode, Result.FTP3P_BATCH);
                for (String client : List.of(Result.FTP3P_BATCH, Result.FTP3P, Result.LFTP, Result.RELAY)) {
                    find(Result.MANY, pair, mode, client).ifPresent(r -> table.row(pair, mode, client,
                            Table.number(r.m().seconds(), 2), Table.number(r.filesPerSecond(), 0),
                            Table.number(r.m().cpuSeconds() * 1000 / r.files(), 3),
                            Table.number(r.m().serverNanos() / 1e6 / r.files(), 3), Table.number(r.bytesPerFile(), 0),
                            ftp3p.map(f -> Table.number(f.filesPerSecond() / r.filesPerSecond(), 2)).orElse("-")));
                }
            }
        }
        return out.append(table.render()).toString();
    }

    private String rtt() {
        StringBuilder out = new StringBuilder("3. " + config.rttFiles() + " files of 4 KiB with a " + config.rttMillis()
                + " ms round trip to each server's control port (seq: one connection pair; x4: four)\n");
        Table table = new Table("pair", "mode", "client", "wall s", "ms/file", "RTT/file");
        for (String pair : pairs(Result.RTT)) {
            for (String mode : List.of(Result.SEQUENTIAL, Result.PARALLEL)) {
                for (String client : List.of(Result.FTP3P_BATCH, Result.FTP3P, Result.LFTP)) {
                    find(Result.RTT, pair, mode, client).ifPresent(r -> table.row(pair, mode, client,
                            Table.number(r.m().seconds(), 2), Table.number(r.m().seconds() * 1000 / r.files(), 1),
                            Table.number(roundTripsPerFile(r), 2)));
                }
            }
        }
        out.append(table.render());
        out.append("reference (FXP notes): lftp mirror 3.2 RTT/file, mirror --parallel=4 0.87, a loop of lftp get 5.3\n");
        return out.toString();
    }

    double roundTripsPerFile(Result r) {
        return r.m().seconds() * 1000 / r.files() / config.rttMillis();
    }
}
