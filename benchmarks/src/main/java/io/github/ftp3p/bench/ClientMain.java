package io.github.ftp3p.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.ftp3p.testing.CountingSocketFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A client JVM: ftp3p ({@link Ftp3pClient}) or the camel-ftp relay ({@link RelayClient}), measuring itself.
 * Arguments: {@code ftp3p|relay} then {@code key=value} pairs (the two servers, see {@link Server#toArgs}, and
 * {@code ftp3pOptions}). Requests on stdin, one per line:
 * <ul>
 *   <li>{@code copy SUB NAME}: one file;</li>
 *   <li>{@code many SUB PREFIX COUNT PARALLEL}: the files {@code PREFIX0000.bin} and on;</li>
 *   <li>{@code batch SUB PREFIX COUNT PARALLEL}: the same files in PARALLEL batches (ftp3p only);</li>
 *   <li>{@code sync SUB LANES}: the tree SUB mirrored with LANES parallel transfers (ftp3p only), answered
 *   {@code ok WALL CPU HEAP BYTES COPIED SKIPPED FAILED RETAINED_BEFORE RETAINED_AFTER}: the heap in use after a GC
 *   before and after the sync (the summary dropped), so that what a sync leaves behind shows.</li>
 * </ul>
 * Each is answered {@code ok WALL CPU HEAP BYTES} (a {@link Measurement}) or {@code err MESSAGE}.
 * Both clients make their sockets through one {@link CountingSocketFactory}, bound as {@code countingSockets}.
 */
public final class ClientMain {

    private final CountingSocketFactory sockets;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ClientMain(CountingSocketFactory sockets) {
        this.sockets = sockets;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Server source = Server.fromArgs(options, "source");
        Server target = Server.fromArgs(options, "target");
        CountingSocketFactory sockets = new CountingSocketFactory();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("countingSockets", sockets);
            camel.getShutdownStrategy().setTimeout(10);
            camel.start();
            CopyClient client = "ftp3p".equals(args[0])
                    ? new Ftp3pClient(camel, source, target, options.getOrDefault("ftp3pOptions", ""))
                    : new RelayClient(camel, source, target);
            new ClientMain(sockets).serve(client);
        }
        System.exit(0);
    }

    private void serve(CopyClient client) throws Exception {
        ChildJvm.answer(System.out, "ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] request = line.split(" ");
            try {
                if (request[0].equals("sync")) {
                    ChildJvm.answer(System.out, "ok " + sync(client, request[1], Integer.parseInt(request[2])));
                    continue;
                }
                Measurement m = switch (request[0]) {
                    case "copy" -> measure(() -> client.copy(request[1], request[2]));
                    case "many", "batch" -> {
                        List<String> names = new ArrayList<>();
                        for (int i = 0; i < Integer.parseInt(request[3]); i++) {
                            names.add(Fixtures.name(request[2], i));
                        }
                        int parallel = Integer.parseInt(request[4]);
                        yield measure(() -> {
                            if (request[0].equals("batch")) {
                                client.copyBatches(request[1], names, parallel);
                            } else {
                                client.copyAll(request[1], names, parallel);
                            }
                        });
                    }
                    default -> throw new IllegalArgumentException("unknown request " + line);
                };
                ChildJvm.answer(System.out, "ok " + m.toLine());
            } catch (Exception e) {
                e.printStackTrace();
                ChildJvm.answer(System.out, "err " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
    }

    /** One sync, measured, with the heap retained after a GC before and after it. */
    private String sync(CopyClient client, String sub, int lanes) throws Exception {
        CopyClient.SyncCounts[] counts = new CopyClient.SyncCounts[1];
        System.gc();
        long before = Heap.used();
        Measurement m = measure(() -> counts[0] = client.sync(sub, lanes));
        System.gc();
        long after = Heap.used();
        return m.toLine() + " " + counts[0].copied() + " " + counts[0].skipped() + " " + counts[0].failed() + " "
                + before + " " + after + " " + counts[0].roundTrips();
    }

    private interface Task {
        void run() throws Exception;
    }

    /** Wall and process CPU time ({@link CpuClock}) of the task, its peak heap (after a GC and a reset), and its socket bytes. */
    private Measurement measure(Task task) throws Exception {
        System.gc();
        Heap.POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
        sockets.reset();
        CpuClock cpu = CpuClock.start(os);
        long start = System.nanoTime();
        task.run();
        long wall = System.nanoTime() - start;
        long cpuNanos = cpu.elapsed();
        long heap = Heap.POOLS.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Measurement(wall, cpuNanos, heap, sockets.total());
    }
}
