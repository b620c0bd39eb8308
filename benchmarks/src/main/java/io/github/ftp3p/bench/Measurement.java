package io.github.ftp3p.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What one timed run cost the client. A value that was not measured is -1.
 *
 * @param wallNanos   elapsed time
 * @param cpuNanos    the client's CPU time (user + system): its JVM process, or the lftp process
 * @param memoryBytes the client's peak memory: heap for a JVM (peak of every heap pool after a GC and a peak
 *                    reset), the maximum resident set for lftp
 * @param socketBytes bytes read and written on the client's sockets (control and, for a relay, data)
 * @param serverNanos the CPU time both servers used during the run (measured by the harness, not the client)
 */
public record Measurement(long wallNanos, long cpuNanos, long memoryBytes, long socketBytes, long serverNanos) {

    public Measurement(long wallNanos, long cpuNanos, long memoryBytes, long socketBytes) {
        this(wallNanos, cpuNanos, memoryBytes, socketBytes, -1);
    }

    public Measurement withServerNanos(long nanos) {
        return new Measurement(wallNanos, cpuNanos, memoryBytes, socketBytes, nanos);
    }

    public double seconds() {
        return wallNanos / 1e9;
    }

    public double cpuSeconds() {
        return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e9;
    }

    /** The median of each value on its own (the upper median for an even count). */
    public static Measurement median(List<Measurement> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        return new Measurement(median(runs, Measurement::wallNanos), median(runs, Measurement::cpuNanos),
                median(runs, Measurement::memoryBytes), median(runs, Measurement::socketBytes),
                median(runs, Measurement::serverNanos));
    }

    private static long median(List<Measurement> runs, ToLongFunction<Measurement> value) {
        long[] values = runs.stream().mapToLong(value).sorted().toArray();
        return values[values.length / 2];
    }

    /** The form a child JVM reports it in: four numbers (the servers' CPU is the harness's to measure). */
    public String toLine() {
        return wallNanos + " " + cpuNanos + " " + memoryBytes + " " + socketBytes;
    }

    public static Measurement parse(String line) {
        String[] parts = line.trim().split(" ");
        return new Measurement(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                Long.parseLong(parts[3]));
    }
}
