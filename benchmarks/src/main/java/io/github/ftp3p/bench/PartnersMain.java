package io.github.ftp3p.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.ftp3p.camel.Ftp3pEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The client JVM of the partners scenario: one node serving many partners, an {@code ftp3p:copy} endpoint per
 * partner directory pair ({@code partners/pNNNN} on both servers), each sent one file, then left idle. It measures
 * itself and answers one line, {@code ok} and the fields of {@link PartnersResult#toLine()}, or {@code err MESSAGE}.
 * Arguments: the two servers ({@link Server#toArgs}), {@code endpoints}, {@code idleTimeout} (ms), {@code idle}
 * (the idle period, ms) and {@code parallel} (copies at once).
 */
public final class PartnersMain {

    /** The file each partner sends, in its source directory. */
    static final String FILE = "f.bin";
    /** The directory of the partner that warms the JVM up (classes loaded, jars opened) before the baseline. */
    static final String WARM_UP = "warmup";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PartnersMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Server source = Server.fromArgs(options, "source");
        Server target = Server.fromArgs(options, "target");
        int endpoints = Integer.parseInt(options.get("endpoints"));
        long idleTimeout = Long.parseLong(options.get("idleTimeout"));
        long idle = Long.parseLong(options.get("idle"));
        int parallel = Integer.parseInt(options.get("parallel"));
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getShutdownStrategy().setTimeout(10);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String idleOption = "&idleTimeout=" + idleTimeout;
            Endpoint warmUp = camel.getEndpoint(uri(source, target, WARM_UP, idleOption));
            template.sendBodyAndHeader(warmUp, null, Exchange.FILE_NAME, FILE);
            camel.removeEndpoint(warmUp);
            Snapshot base = Snapshot.take();

            THREADS.resetPeakThreadCount();
            long started = System.nanoTime();
            copyOnceEach(template, source, target, endpoints, parallel, idleOption);
            double copySeconds = (System.nanoTime() - started) / 1e9;
            int peakThreads = THREADS.getPeakThreadCount();
            Snapshot busy = Snapshot.take();

            Thread.sleep(idle);
            Snapshot after = Snapshot.take();
            long pooled = camel.getEndpoints().stream().filter(e -> e instanceof Ftp3pEndpoint).map(Ftp3pEndpoint.class::cast)
                    .mapToLong(e -> e.getSourceConnectionsIdle() + e.getTargetConnectionsIdle()
                            + e.getSourceConnectionsActive() + e.getTargetConnectionsActive()).sum();
            long count = camel.getEndpoints().stream().filter(e -> e instanceof Ftp3pEndpoint).count();
            boolean jmx = camel.getManagementStrategy().getManagementAgent() != null;
            PartnersResult result = new PartnersResult((int) count, parallel, idleTimeout, idle, copySeconds, base,
                    peakThreads, busy, after, pooled, jmx);
            ChildJvm.answer(System.out, "ok " + result.toLine());
        } catch (Exception | Error e) {
            e.printStackTrace();
            ChildJvm.answer(System.out, "err " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        System.exit(0);
    }

    /** The endpoint of partner {@code name}: its own directory on both servers, so its own URI. */
    static String uri(Server source, Server target, String name, String options) {
        String dir = "partners/" + name;
        return "ftp3p:copy?" + Ftp3pClient.side("source", source, dir) + "&" + Ftp3pClient.side("target", target, dir)
                + options;
    }

    static String partner(int i) {
        return String.format("p%04d", i);
    }

    /** One file through each partner's endpoint, {@code parallel} at once, on threads that end afterwards. */
    private static void copyOnceEach(ProducerTemplate template, Server source, Server target, int endpoints,
            int parallel, String options) throws Exception {
        ExecutorService copiers = Executors.newFixedThreadPool(parallel);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < parallel; lane++) {
                running.add(copiers.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < endpoints; ) {
                        template.sendBodyAndHeader(uri(source, target, partner(i), options), null, Exchange.FILE_NAME,
                                FILE);
                    }
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
        } finally {
            copiers.shutdownNow();
        }
    }

    /**
     * What the JVM holds at one moment: live threads, those of ftp3p (whose names hold "ftp3p"), the heap in use
     * after a GC, and the open file descriptors.
     */
    record Snapshot(int threads, int ftp3pThreads, long heapBytes, int descriptors) {

        static Snapshot take() {
            long heap = Heap.usedAfterGc();
            int ftp3p = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().contains("ftp3p")).count();
            return new Snapshot(THREADS.getThreadCount(), ftp3p, heap, openDescriptors());
        }

        String toLine() {
            return threads + " " + ftp3pThreads + " " + heapBytes + " " + descriptors;
        }

        static Snapshot parse(String[] f, int at) {
            return new Snapshot(Integer.parseInt(f[at]), Integer.parseInt(f[at + 1]), Long.parseLong(f[at + 2]),
                    Integer.parseInt(f[at + 3]));
        }

        private static int openDescriptors() {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return (int) fds.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
