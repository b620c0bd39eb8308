package io.github.ftp3p.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The goals of issue 7, each checked against the run's medians, then those of issue 13 ({@link TreeGoals}) and 15
 * ({@link PartnersReport}).
 */
final class Goals {

    /** Control traffic allowed per file. */
    static final double BYTES_PER_FILE = 4096;
    /** Peak heap copying the large file over peak heap copying one 16 times smaller: "flat" allows this much. */
    static final double HEAP_GROWTH = 1.25;

    private Goals() {
    }

    /**
     * One goal: {@code measured} is the worst case over the pairs (a ratio or a plain value), {@code met} is
     * null when the run did not measure it.
     */
    record Goal(String name, String target, String measured, Boolean met) {

        String status() {
            return met == null ? "not measured" : met ? "met" : "not met";
        }
    }

    static List<Goal> evaluate(Report report) {
        List<Goal> goals = new ArrayList<>();
        String size = BenchConfig.formatSize(report.config.size());

        Optional<Double> bytes = worst(report, r -> r.scenario().equals(Result.LARGE) || r.scenario().equals(Result.MANY),
                List.of(Result.FTP3P, Result.FTP3P_BATCH), Result::bytesPerFile, true);
        goals.add(goal("FXP: no data bytes through the host (control < 4 KiB/file)", "< 4096 B/file",
                bytes.map(b -> String.format("%.0f B/file (x%.2f)", b, b / BYTES_PER_FILE)), bytes.map(b -> b < BYTES_PER_FILE)));

        Optional<Double> wall = worstRatio(report, Result.LARGE, "", Result.FTP3P, Result.LFTP, r -> r.m().wallNanos(), true);
        goals.add(goal(size + " wall time <= lftp's on every pair", "ftp3p/lftp <= 1",
                wall.map(v -> ratio(v)), wall.map(v -> v <= 1)));

        Optional<Double> cpu = worstRatio(report, Result.LARGE, "", Result.FTP3P, Result.RELAY, r -> r.m().cpuNanos(), true);
        goals.add(goal("client CPU <= 2% of the relay's", "ftp3p/relay <= 0.02",
                cpu.map(v -> String.format("%.4f", v)), cpu.map(v -> v <= 0.02)));

        Optional<Double> seq = worstRatio(report, Result.MANY, Result.SEQUENTIAL, Result.FTP3P_BATCH, Result.LFTP, Result::filesPerSecond, false);
        goals.add(goal(report.config.files() + " x 4 KiB: >= 2x lftp mirror's files/s", "ftp3p batch/lftp >= 2",
                seq.map(v -> ratio(v)), seq.map(v -> v >= 2)));

        Optional<Double> par = worstRatio(report, Result.MANY, Result.PARALLEL, Result.FTP3P_BATCH, Result.LFTP, Result::filesPerSecond, false);
        goals.add(goal(report.config.files() + " x 4 KiB, 4 in parallel: >= 1.5x mirror --parallel=4", "ftp3p batch/lftp >= 1.5",
                par.map(v -> ratio(v)), par.map(v -> v >= 1.5)));

        for (String mode : List.of(Result.SEQUENTIAL, Result.PARALLEL)) {
            double limit = mode.equals(Result.SEQUENTIAL) ? 1.5 : 0.4;
            Optional<Double> rtt = worst(report, r -> r.scenario().equals(Result.RTT) && r.mode().equals(mode),
                    List.of(Result.FTP3P_BATCH), report::roundTripsPerFile, true);
            goals.add(goal(report.config.rttMillis() + " ms RTT, " + (mode.equals(Result.SEQUENTIAL)
                            ? "one connection pair" : "4 connection pairs") + ": <= " + limit + " RTT/file",
                    "<= " + limit, rtt.map(v -> String.format("%.2f RTT/file", v)), rtt.map(v -> v <= limit)));
        }

        Optional<Double> heap = report.pairs(Result.LARGE).stream().map(report::heapRatio).flatMap(Optional::stream)
                .max(Double::compare);
        goals.add(goal("client heap flat in file size (-Xmx64m)", size + "/" + BenchConfig.formatSize(report.config.size() / 16)
                + " <= " + HEAP_GROWTH, heap.map(v -> ratio(v)), heap.map(v -> v <= HEAP_GROWTH)));
        if (!report.config.runs(BenchConfig.LARGE) && !report.config.runs(BenchConfig.MANY)
                && !report.config.runs(BenchConfig.RTT)) {
            goals.clear(); // none of issue 7's scenarios ran: only the later issues' goals mean anything
        }
        if (report.config.runs(BenchConfig.TREE)) {
            goals.addAll(TreeGoals.evaluate(report));
        }
        if (report.config.runs(BenchConfig.PARTNERS)) {
            goals.addAll(PartnersReport.goals(report));
        }
        return goals;
    }

    private static String ratio(double v) {
        return String.format("%.2f", v);
    }

    static Goal goal(String name, String target, Optional<String> measured, Optional<Boolean> met) {
        return new Goal(name, target, measured.orElse("-"), met.orElse(null));
    }

    /** The largest (or smallest) value over the results of the given ftp3p clients that match. */
    private static Optional<Double> worst(Report report, java.util.function.Predicate<Result> which, List<String> clients,
                                          ToDoubleFunction<Result> value, boolean largestIsWorst) {
        return report.results().stream().filter(r -> clients.contains(r.client())).filter(which)
                .map(value::applyAsDouble).filter(v -> v >= 0)
                .reduce(largestIsWorst ? Math::max : Math::min);
    }

    /** The ftp3p client's value over the other client's on each pair; the worst pair's. */
    private static Optional<Double> worstRatio(Report report, String scenario, String mode, String client, String other,
                                               ToDoubleFunction<Result> value, boolean largestIsWorst) {
        List<Double> ratios = new ArrayList<>();
        for (String pair : report.pairs(scenario)) {
            Optional<Result> ftp3p = report.find(scenario, pair, mode, client);
            Optional<Result> them = report.find(scenario, pair, mode, other);
            if (ftp3p.isPresent() && them.isPresent() && value.applyAsDouble(them.get()) > 0
                    && value.applyAsDouble(ftp3p.get()) >= 0) {
                ratios.add(value.applyAsDouble(ftp3p.get()) / value.applyAsDouble(them.get()));
            }
        }
        return ratios.stream().reduce(largestIsWorst ? Math::max : Math::min);
    }

    static String table(List<Goal> goals) {
        Table table = new Table("goal", "target", "measured (worst pair)", "status");
        goals.forEach(g -> table.row(g.name(), g.target(), g.measured(), g.status()));
        return table.render();
    }
}
