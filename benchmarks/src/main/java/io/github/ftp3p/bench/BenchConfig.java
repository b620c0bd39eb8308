package io.github.ftp3p.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The run's settings, from system properties (the {@code benchmarks} profile passes them on):
 * {@code bench.size} (the large file: 1g, 64m, 512k or bytes), {@code bench.files} (number of 4 KiB files),
 * {@code bench.reps} (repetitions, the median is reported), {@code bench.pairs} (server pairs: ftpserver, vsftpd,
 * pure-ftpd, proftpd), {@code bench.rtt} (round trip in ms of the latency scenario), {@code bench.rttFiles},
 * {@code bench.rttPair} (the pair it runs on), {@code bench.ftp3pOptions} (extra ftp3p endpoint options, e.g.
 * {@code verify=none}), {@code bench.out} (the directory for performance.txt and performance.png),
 * {@code bench.maxTimeWait} (a run waits, up to two minutes, until fewer sockets are in TIME_WAIT; 0 never waits),
 * {@code bench.scenarios} (which scenarios run: large, many, rtt, tree, partners; all by default), the tree
 * scenario's settings ({@link TreeConfig}) and the partners scenario's ({@link PartnersConfig}).
 */
record BenchConfig(long size, int files, int reps, List<String> pairs, int rttMillis, int rttFiles, String rttPair,
                   String ftp3pOptions, Path out, int maxTimeWait, Set<String> scenarios, TreeConfig tree,
                   PartnersConfig partners) {

    static final String LARGE = "large";
    static final String MANY = "many";
    static final String RTT = "rtt";
    static final String TREE = "tree";
    static final String PARTNERS = "partners";

    static final int SMALL_FILE_SIZE = 4096;

    static BenchConfig fromSystemProperties() {
        return new BenchConfig(
                parseSize(System.getProperty("bench.size", "1g")),
                Integer.getInteger("bench.files", 1000),
                Math.max(1, Integer.getInteger("bench.reps", 3)),
                TreeConfig.list(System.getProperty("bench.pairs", "ftpserver,vsftpd,pure-ftpd")),
                Integer.getInteger("bench.rtt", 20),
                Integer.getInteger("bench.rttFiles", 100),
                System.getProperty("bench.rttPair", ServerPair.FTPSERVER),
                System.getProperty("bench.ftp3pOptions", "").trim(),
                Path.of(System.getProperty("bench.out", "target/performance")).toAbsolutePath(),
                Integer.getInteger("bench.maxTimeWait", 5000),
                Set.copyOf(TreeConfig.list(System.getProperty("bench.scenarios", String.join(",", LARGE, MANY, RTT, TREE,
                        PARTNERS)))),
                TreeConfig.fromSystemProperties(), PartnersConfig.fromSystemProperties());
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /**
     * The pairs some selected scenario runs on, in order: {@code bench.pairs} for the large and many-file
     * scenarios, the RTT pair, the tree pairs, the embedded pair of the partners scenario.
     */
    List<String> pairsToStart() {
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        if (runs(LARGE) || runs(MANY)) {
            kinds.addAll(pairs);
        }
        if (runs(RTT)) {
            kinds.add(rttPair);
        }
        if (runs(TREE)) {
            kinds.addAll(tree.pairs());
        }
        if (runs(PARTNERS)) {
            kinds.add(ServerPair.FTPSERVER);
        }
        return List.copyOf(kinds);
    }

    /** {@code 1g}, {@code 64m}, {@code 512k} (binary units) or a number of bytes. */
    static long parseSize(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits.trim()) * unit;
    }

    /** {@code 1 GiB}, {@code 64 MiB}, ... */
    static String formatSize(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
