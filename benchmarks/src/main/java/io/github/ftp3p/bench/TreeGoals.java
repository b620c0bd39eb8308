package io.github.ftp3p.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.github.ftp3p.bench.Goals.Goal;

/**
 * The goals of issue 13 for ftp3p:sync, each against the worst pair (and lane count) of the tree scenario. The
 * latency goals are read at 20 ms RTT, where the round trips and not the servers' CPU make the time; the lftp
 * comparison at 1 ms. A goal whose round trip time was not run (bench.treeRtts) is "not measured".
 */
final class TreeGoals {

    static final int FAR_MILLIS = 20;
    static final int NEAR_MILLIS = 1;
    static final double RTT_PER_FILE_ONE_LANE = 1.3;
    static final double RTT_PER_FILE_MOST_LANES = 0.2;
    static final double SPEED_UP = 3;
    static final double RTT_PER_DIRECTORY = 3;
    /** What a sync may leave behind in the heap after a GC: "flat" allows this much (the JVM's own noise). */
    static final long RETAINED_BYTES = 1 << 20;
    /** Peak heap with the most lanes over the peak with one: the listing is held once, not per lane. */
    static final double PEAK_PER_LANES = 1.25;

    private TreeGoals() {
    }

    static List<Goal> evaluate(Report report) {
        List<TreeResult> results = report.treeResults();
        List<Goal> goals = new ArrayList<>();
        int far = FAR_MILLIS;
        int near = NEAR_MILLIS;
        int most = report.config.tree().lanes().stream().max(Integer::compare).orElse(8);

        goals.add(rttPerFile(results, far, 1, RTT_PER_FILE_ONE_LANE));
        goals.add(rttPerFile(results, far, most, RTT_PER_FILE_MOST_LANES));
        for (int lanes : report.config.tree().lanes()) {
            goals.add(speedUp(report, results, near, lanes));
        }

        Optional<TreeResult> slowest = worst(ftp3p(results, far, -1), TreeResult::roundTripsPerDirectory);
        goals.add(goal("tree re-run, " + far + " ms RTT: <= " + RTT_PER_DIRECTORY + " RTT per directory",
                "<= " + RTT_PER_DIRECTORY, slowest.map(r -> String.format("%.2f RTT/dir (%s)", r.roundTripsPerDirectory(),
                        where(r))), slowest.map(r -> r.roundTripsPerDirectory() <= RTT_PER_DIRECTORY)));

        List<TreeResult> reruns = ftp3p(results, -1, -1);
        long transfers = reruns.stream().mapToLong(TreeResult::rerunTransfers).max().orElse(-1);
        long copied = reruns.stream().mapToLong(TreeResult::rerunCopied).max().orElse(-1);
        long rewritten = reruns.stream().filter(r -> !r.rerunUnchanged()).count();
        boolean known = reruns.stream().allMatch(r -> r.rerunTransferredNothing() != null);
        goals.add(goal("tree re-run: no file transferred (servers' RETR/STOR, summary)", "0",
                reruns.isEmpty() ? Optional.empty() : Optional.of(String.format("%s RETR+STOR, %d copied, %d rewritten",
                        transfers < 0 ? "-" : Long.toString(transfers), copied, rewritten)),
                reruns.isEmpty() || !known ? Optional.empty()
                        : Optional.of(reruns.stream().allMatch(r -> Boolean.TRUE.equals(r.rerunTransferredNothing())))));

        goals.add(heap(report.heapResults()));
        return goals;
    }

    private static Goal rttPerFile(List<TreeResult> results, int rtt, int lanes, double limit) {
        Optional<TreeResult> r = worst(ftp3p(results, rtt, lanes), TreeResult::roundTripsPerFile);
        return goal("tree, " + rtt + " ms RTT, " + lanes + (lanes == 1 ? " lane" : " lanes") + ": <= " + limit
                        + " RTT/file", "<= " + limit,
                r.map(v -> String.format("%.2f RTT/file (%s)", v.roundTripsPerFile(), where(v))),
                r.map(v -> v.roundTripsPerFile() <= limit));
    }

    private static Goal speedUp(Report report, List<TreeResult> results, int rtt, int lanes) {
        Optional<Double> ratio = Optional.empty();
        String at = "";
        for (TreeResult r : ftp3p(results, rtt, lanes)) {
            Optional<TreeResult> lftp = TreeReport.find(report, r.pair(), rtt, TreeResult.LFTP, lanes);
            if (lftp.isPresent()) {
                double v = r.filesPerSecond() / lftp.get().filesPerSecond();
                if (ratio.isEmpty() || v < ratio.get()) {
                    ratio = Optional.of(v);
                    at = r.pair();
                }
            }
        }
        String pair = at;
        String peer = lanes == 1 ? "lftp mirror" : "mirror --parallel=" + lanes;
        return goal("tree, " + rtt + " ms RTT, " + lanes + (lanes == 1 ? " lane" : " lanes") + ": >= " + SPEED_UP
                        + "x " + peer + "'s files/s", "ftp3p/lftp >= " + SPEED_UP,
                ratio.map(v -> String.format("%.2f (%s)", v, pair)), ratio.map(v -> v >= SPEED_UP));
    }

    private static Goal heap(List<HeapResult> heap) {
        if (heap.isEmpty()) {
            return goal("tree sync: client heap flat", "-", Optional.empty(), Optional.empty());
        }
        HeapResult one = heap.stream().min(Comparator.comparingInt(HeapResult::lanes)).orElseThrow();
        HeapResult many = heap.stream().max(Comparator.comparingInt(HeapResult::lanes)).orElseThrow();
        long retained = heap.stream().mapToLong(HeapResult::retainedGrowth).max().orElse(0);
        double peaks = (double) many.peakBytes() / one.peakBytes();
        return goal(one.files() + "-file sync: heap flat (retained after GC <= 1 MiB; peak " + many.lanes() + " lanes / 1 <= "
                        + PEAK_PER_LANES + ")", "<= 1024 KiB, <= " + PEAK_PER_LANES,
                Optional.of(String.format("%.0f KiB, %.2f", retained / 1024.0, peaks)),
                Optional.of(retained <= RETAINED_BYTES && peaks <= PEAK_PER_LANES));
    }

    /** ftp3p's results at that round trip time and lane count (-1: any). */
    private static List<TreeResult> ftp3p(List<TreeResult> results, int rtt, int lanes) {
        return results.stream().filter(r -> r.client().equals(TreeResult.FTP3P))
                .filter(r -> rtt < 0 || r.rttMillis() == rtt).filter(r -> lanes < 0 || r.lanes() == lanes).toList();
    }

    private static Optional<TreeResult> worst(List<TreeResult> results, ToDoubleFunction<TreeResult> value) {
        return results.stream().max(Comparator.comparingDouble(value));
    }

    private static String where(TreeResult r) {
        return r.pair() + (r.lanes() == 1 ? "" : ", " + r.lanes() + " lanes");
    }

    private static Goal goal(String name, String target, Optional<String> measured, Optional<Boolean> met) {
        return new Goal(name, target, measured.orElse("-"), met.orElse(null));
    }
}
