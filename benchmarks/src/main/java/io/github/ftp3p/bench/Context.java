package io.github.ftp3p.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every scenario needs: the settings, the report, lftp (null when it is not installed) and the work
 * directory, with the repetition loop they share.
 */
record Context(BenchConfig config, Report report, Lftp lftp, Path work) {

    /**
     * Runs every client once per repetition, side by side, clearing the target directory after each run, and
     * returns each client's median. Each repetition starts with the next client (ftp3p, lftp, relay; then lftp,
     * relay, ftp3p...), so that no client always follows the same one: the first copy of a repetition comes after
     * the previous repetition's last, and a slow moment of the machine hits them alike.
     */
    Map<String, Measurement> repeat(String label, ServerPair pair, Map<String, Supplier<Measurement>> clients, Path target) {
        Map<String, List<Measurement>> runs = new LinkedHashMap<>();
        for (int rep = 1; rep <= config.reps(); rep++) {
            List<Map.Entry<String, Supplier<Measurement>>> order = new ArrayList<>(clients.entrySet());
            Collections.rotate(order, -(rep - 1));
            for (Map.Entry<String, Supplier<Measurement>> client : order) {
                Fixtures.clear(target);
                long timeWait = TimeWait.awaitBelow(config.maxTimeWait(), Duration.ofMinutes(2));
                long serverBefore = pair.serverCpuNanos();
                Measurement m = client.getValue().get();
                long serverAfter = pair.serverCpuNanos();
                m = m.withServerNanos(serverBefore < 0 || serverAfter < 0 ? -1 : serverAfter - serverBefore);
                Fixtures.clear(target);
                System.err.printf("[bench] %s, run %d/%d, %s: %.2f s (%d sockets in TIME_WAIT before)%n", label, rep,
                        config.reps(), client.getKey(), m.seconds(), timeWait);
                runs.computeIfAbsent(client.getKey(), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, Measurement> medians = new LinkedHashMap<>();
        runs.forEach((client, list) -> medians.put(client, Measurement.median(list)));
        return medians;
    }

    /** Fails unless the target holds {@code count} files named {@code prefix...} of {@code size} bytes. */
    static void expect(Path dir, String prefix, long count, long size) {
        long found = Fixtures.count(dir, prefix, size);
        if (found != count) {
            throw new IllegalStateException("expected " + count + " files " + prefix + "* of " + size + " bytes in "
                    + dir + ", found " + found);
        }
    }
}
