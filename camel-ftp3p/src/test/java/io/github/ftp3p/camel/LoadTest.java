package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load and soak on one endpoint with {@code maxConnections=4} between two embedded Apache FtpServers: first
 * {@code ftp3p.load.concurrent} exchanges sent at once, then a soak of {@code ftp3p.load.copies} copies, in rounds
 * of 50 single-file exchanges followed by one batch of the same 50 files ({@code CamelFtp3pFileNames}). Every
 * copy is compared byte for byte with its source. The default build runs 200 + 300; {@code -Pload} runs
 * 200 + 10,000 (see docs/performance.adoc, "Load and soak").
 * <p>
 * The servers run in a JVM of their own ({@link ForkedFtpServerPair}), so the figures are those of the client: Camel,
 * ftp3p and the test's own threads. A table of them is printed and written to {@code target/load/load.txt}.
 */
class LoadTest {

    private static final int ROUND = 50;
    private static final int CONCURRENT = Integer.getInteger("ftp3p.load.concurrent", 200);
    private static final int COPIES = Integer.getInteger("ftp3p.load.copies", 300);
    /**
     * What "about the baseline" allows once the endpoint is stopped: the JVM has a few threads and descriptors of
     * its own that come and go (compiler threads, jar files opened as classes load, log files).
     */
    private static final int THREADS_SLACK = 4;
    private static final int DESCRIPTORS_SLACK = 8;

    @TempDir
    Path root;
    private ForkedFtpServerPair servers;
    private CamelContext camel;

    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private Endpoint endpoint;
    private ProducerTemplate template;
    private int copies;
    private int identical;
    private int failedExchanges;

    @BeforeEach
    void start() throws Exception {
        servers = ForkedFtpServerPair.start(root);
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        servers.close();
    }

    @Test
    void manyConcurrentExchangesAndALongSoakMakeOnlyIdenticalCopiesAndGiveBackTheirThreadsAndDescriptors()
            throws Exception {
        List<String> concurrentNames = sourceFiles("c-", CONCURRENT);
        List<String> soakNames = sourceFiles("s-", ROUND);
        String uri = servers.uri("copy", "maxConnections=4");
        Checkpoint start = checkpoint("start");
        // Resolved once, as a route does: 200 first sends of a URI at once were seen to make and start a second
        // endpoint that Camel's registry did not keep, and so never stopped.
        endpoint = camel.getEndpoint(uri);
        template = camel.createProducerTemplate();

        copyAllAtOnce(concurrentNames);
        checkpoint(CONCURRENT + " concurrent");
        for (int soaked = 0; soaked < COPIES; soaked += 2 * ROUND) {
            soakRound(soakNames);
            if (soaked + 2 * ROUND == 1000) {
                checkpoint("soak 1,000");
            }
        }
        checkpoint(String.format("soak %,d", COPIES));
        assertThat(camel.removeEndpoints(uri)).as("the endpoint, stopped").containsExactly(endpoint);
        try {
            // A stopped pool's threads finish their last task and its sockets close after QUIT: not all at once.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(threads()).as("live threads").isLessThanOrEqualTo(start.threads() + THREADS_SLACK);
                assertThat(descriptors()).as("open descriptors").isLessThanOrEqualTo(start.descriptors() + DESCRIPTORS_SLACK);
            });
        } finally {
            checkpoint("endpoint stopped");
            report();
        }

        assertThat(failedExchanges).isZero();
        assertThat(copies).isEqualTo(CONCURRENT + COPIES);
        assertThat(identical).isEqualTo(copies);
    }

    /** Files of 1 to 32 KiB on the source, named {@code prefix} + a number. */
    private List<String> sourceFiles(String prefix, int count) {
        List<String> names = IntStream.range(0, count).mapToObj(i -> String.format("%s%04d.bin", prefix, i)).toList();
        names.forEach(name -> FtpServerPair.writeRandom(servers.sourceFile(name),
                1024 + Math.floorMod(name.hashCode(), 31 * 1024), name.hashCode()));
        return names;
    }

    /** One exchange per file, each on its own thread, all sent together. */
    private void copyAllAtOnce(List<String> names) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(names.size());
        try {
            List<Callable<Exchange>> sends = names.stream()
                    .<Callable<Exchange>>map(name -> () -> send(Exchange.FILE_NAME, name)).toList();
            for (Future<Exchange> sent : senders.invokeAll(sends)) {
                count(sent.get());
            }
        } finally {
            senders.shutdown();
        }
        checkAndClear(names);
    }

    private void soakRound(List<String> names) {
        for (String name : names) {
            count(send(Exchange.FILE_NAME, name));
        }
        checkAndClear(names);
        count(send(Ftp3pConstants.FILE_NAMES, names));
        checkAndClear(names);
    }

    private Exchange send(String header, Object value) {
        return template.request(endpoint, e -> e.getMessage().setHeader(header, value));
    }

    private void count(Exchange exchange) {
        if (exchange.getException() != null) {
            failedExchanges++;
        }
    }

    /** Counts the copies on the target and those identical to their source, then deletes them for the next round. */
    private void checkAndClear(List<String> names) {
        try {
            for (String name : names) {
                Path copy = servers.targetFile(name);
                if (Files.exists(copy)) {
                    copies++;
                    if (Files.mismatch(servers.sourceFile(name), copy) == -1) {
                        identical++;
                    }
                    Files.delete(copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Checkpoint checkpoint(String label) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Checkpoint checkpoint = new Checkpoint(label, copies, identical, failedExchanges, heap, descriptors(), threads());
        checkpoints.add(checkpoint);
        return checkpoint;
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static int descriptors() {
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            return (int) open.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void report() throws IOException {
        StringBuilder table = new StringBuilder(String.format("%-18s %8s %10s %7s %14s %12s %8s%n", "point", "copies",
                "identical", "failed", "heap MiB (GC)", "descriptors", "threads"));
        for (Checkpoint c : checkpoints) {
            table.append(String.format("%-18s %,8d %,10d %7d %14.1f %12d %8d%n", c.label(), c.copies(), c.identical(),
                    c.failed(), c.heapBytes() / (1024.0 * 1024), c.descriptors(), c.threads()));
        }
        System.out.print(table);
        Path out = Path.of("target", "load", "load.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private record Checkpoint(String label, int copies, int identical, int failed, long heapBytes, int descriptors,
            int threads) {
    }
}
