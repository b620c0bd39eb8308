package io.github.ftp3p.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This JVM's CPU time, finer than the JDK's: {@code OperatingSystemMXBean.getProcessCpuTime()} counts clock ticks
 * (10 ms here), too coarse for a client that spends a few milliseconds on a file. Linux keeps each thread's run
 * time in nanoseconds ({@code /proc/self/task/TID/schedstat}, first field), GC and JIT threads included; the sum
 * over the threads alive at the end misses only threads that ended in between, so when it disagrees with the
 * tick count by more than two ticks the tick count is used.
 */
final class CpuClock {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long TOLERANCE_NANOS = 20_000_000;

    private final com.sun.management.OperatingSystemMXBean os;
    private final Map<String, Long> threads;
    private final long ticks;

    private CpuClock(com.sun.management.OperatingSystemMXBean os) {
        this.os = os;
        this.threads = threads();
        this.ticks = os.getProcessCpuTime();
    }

    static CpuClock start(com.sun.management.OperatingSystemMXBean os) {
        return new CpuClock(os);
    }

    /** CPU nanoseconds since {@link #start}. */
    long elapsed() {
        long coarse = os.getProcessCpuTime() - ticks;
        Map<String, Long> now = threads();
        if (now.isEmpty() || threads.isEmpty()) {
            return coarse;
        }
        long fine = 0;
        for (Map.Entry<String, Long> thread : now.entrySet()) {
            fine += thread.getValue() - threads.getOrDefault(thread.getKey(), 0L);
        }
        return Math.abs(coarse - fine) <= TOLERANCE_NANOS ? fine : coarse;
    }

    /** Run time per thread id; empty where /proc does not tell. */
    private static Map<String, Long> threads() {
        Map<String, Long> times = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    times.put(task.getFileName().toString(), Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return times;
    }
}
