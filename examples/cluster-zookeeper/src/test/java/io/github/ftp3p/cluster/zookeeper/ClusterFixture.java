package io.github.ftp3p.cluster.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.ftp3p.testing.RealFtpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the cluster tests run on: Debian's ZooKeeper standalone, two vsftpd (FXP allowed; the source is
 * {@link #source()}'s home, the target {@link #target()}'s), and {@link ClusterNode} JVMs, each with a log of its
 * own per start ({@code node-1.1.log}, {@code node-1.2.log} after a restart). {@link #close()} stops the nodes
 * (SIGTERM, then SIGKILL), copies their logs and the vsftpd logs to {@code target/<name>/} for a failure on CI, and
 * stops the servers.
 */
final class ClusterFixture implements AutoCloseable {

    /**
     * Short, for the tests: a dead leader keeps the leadership this long. Within ZooKeeper's 2..20 ticks of 500 ms.
     * Production: 15-30 s with ZooKeeper's default 2000 ms tick (see docs/many-nodes.adoc).
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);
    static final int SMALL_MAX_BYTES = 32 * 1024;
    private static final Pattern TEMPORARY = Pattern.compile("\\.ftp3p\\.(.+)\\.[0-9a-f]{8}");
    private static final Pattern STOR = Pattern.compile("\"STOR ([^\"]+)\"");

    private final String name;
    private final Path work;
    private final ZooKeeperStandalone zookeeper;
    private final RealFtpServer source;
    private final RealFtpServer target;
    private final Map<String, String> properties;
    private final Map<String, String> digests = new HashMap<>();
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final List<Path> logs = new ArrayList<>();

    private ClusterFixture(String name, Path work, ZooKeeperStandalone zookeeper, RealFtpServer source,
                           RealFtpServer target) {
        this.name = name;
        this.work = work;
        this.zookeeper = zookeeper;
        this.source = source;
        this.target = target;
        this.properties = Map.of(
                "ftp3p.zookeeper", zookeeper.connectString(),
                "ftp3p.zookeeper.sessionTimeout", Long.toString(SESSION_TIMEOUT.toMillis()),
                // Below the session timeout, or Curator warns that it is pointless.
                "ftp3p.zookeeper.connectTimeout", "2000",
                "ftp3p.source", uri(source),
                "ftp3p.target", uri(target),
                "ftp3p.pollDelay", "200");
    }

    /**
     * Skips the test unless ZooKeeper and vsftpd can run here, then starts them. Under CI ({@code CI=true}), where
     * .ci/install-ftp-servers has installed both, a missing one is an error instead, as for the interop tests: a
     * green CI must not hide a missing install step.
     */
    static ClusterFixture start(String name, Path work) throws IOException, InterruptedException {
        String zookeeperMissing = ZooKeeperStandalone.isInstalled() ? null : "ZooKeeper is not installed ("
                + ZooKeeperStandalone.SERVER_SCRIPT + "; apt-get install zookeeper, or .ci/install-ftp-servers)";
        String vsftpdMissing = RealFtpServer.unavailableReason(RealFtpServer.VSFTPD);
        for (String missing : new String[] {zookeeperMissing, vsftpdMissing}) {
            if (missing != null && "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI must run the cluster tests, but " + missing);
            }
            assumeTrue(missing == null, missing);
        }
        ZooKeeperStandalone zookeeper = ZooKeeperStandalone.start(Files.createDirectories(work.resolve("zookeeper")))
                .orElseThrow();
        RealFtpServer source = null;
        try {
            source = RealFtpServer.vsftpd(work.resolve("source"), RealFtpServer.Options.defaults()).orElseThrow();
            RealFtpServer target = RealFtpServer.vsftpd(work.resolve("target"), RealFtpServer.Options.defaults())
                    .orElseThrow();
            return new ClusterFixture(name, work, zookeeper, source, target);
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            zookeeper.close();
            throw e;
        }
    }

    RealFtpServer source() {
        return source;
    }

    RealFtpServer target() {
        return target;
    }

    /** The names and SHA-256 of every file dropped so far. */
    Map<String, String> digests() {
        return digests;
    }

    /** Starts a node (again, after a kill: the new start gets a log of its own). */
    NodeProcess startNode(String node) throws IOException {
        long starts = logs.stream().filter(l -> l.getFileName().toString().startsWith(node + ".")).count();
        Path log = work.resolve(node + "." + (starts + 1) + ".log");
        logs.add(log);
        NodeProcess process = NodeProcess.start(node, properties, log);
        nodes.put(node, process);
        return process;
    }

    NodeProcess node(String node) {
        return nodes.get(node);
    }

    NodeEvents events() {
        return NodeEvents.read(logs);
    }

    /** The live node elected last (leadership changes only when a leader goes away in these tests). */
    String currentLeader() {
        List<NodeEvents.Leadership> leaderships = events().leaderships();
        for (int i = leaderships.size() - 1; i >= 0; i--) {
            NodeProcess node = nodes.get(leaderships.get(i).node());
            if (node != null && node.isAlive()) {
                return node.name();
            }
        }
        throw new IllegalStateException("no live leader in " + leaderships);
    }

    void awaitALeader() {
        await("a leader").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !events().leaderships().isEmpty());
    }

    /**
     * Writes one wave into the source: {@code count - 1} small files of random bytes, then one of
     * {@code largeBytes}, each under a hidden name first and renamed, so that the listing never sees a file
     * half-written. Returns the large file's name.
     */
    String drop(int wave, int count, int largeBytes) throws IOException {
        Random random = new Random(wave);
        for (int i = 1; i < count; i++) {
            byte[] bytes = new byte[1 + random.nextInt(SMALL_MAX_BYTES)];
            random.nextBytes(bytes);
            put(String.format("w%d-%04d.bin", wave, i), bytes);
        }
        byte[] large = new byte[largeBytes];
        random.nextBytes(large);
        String largeName = String.format("w%d-large.bin", wave);
        put(largeName, large);
        return largeName;
    }

    private void put(String file, byte[] bytes) throws IOException {
        Path hidden = source.home().resolve(".drop." + file);
        Files.write(hidden, bytes);
        Files.move(hidden, source.home().resolve(file), StandardCopyOption.ATOMIC_MOVE);
        digests.put(file, sha256(bytes));
    }

    /**
     * Waits (at most 90 s, polling every millisecond) until the target holds part of this file under a temporary
     * name, and returns how many bytes. Fails at once if the file reached its final name first.
     */
    long awaitHalfWritten(String file, int bytes) {
        long[] written = new long[1];
        await(file + " half-written at the target").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    if (Files.exists(target.home().resolve(file))) {
                        throw new IllegalStateException(file + " was moved before the test could stop the leader"
                                + " mid-transfer: make the large files larger");
                    }
                    written[0] = writtenOf(file);
                    return written[0] > 0 && written[0] < bytes;
                });
        return written[0];
    }

    /** Waits until every dropped file is at the target and gone from the source. */
    void awaitAllMoved(Duration atMost) {
        await("all " + digests.size() + " files moved").atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> finalNames(source.home()).isEmpty() && finalNames(target.home()).size() == digests.size());
    }

    Set<String> sourceFinalNames() throws IOException {
        return finalNames(source.home());
    }

    /** Every file at the target once with its bytes, the source empty (not even a temporary file). */
    void assertEveryFileMovedOnceWithItsBytes() throws IOException {
        assertThat(finalNames(target.home())).containsExactlyInAnyOrderElementsOf(digests.keySet());
        for (Map.Entry<String, String> file : digests.entrySet()) {
            assertThat(sha256(target.home().resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
        }
        try (Stream<Path> left = Files.list(source.home())) {
            assertThat(left).as("source").isEmpty();
        }
    }

    /** The ftp3p temporary files ({@code .ftp3p.<name>.<8 hex>}) in the target directory. */
    List<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(target.home())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> TEMPORARY.matcher(n).matches()).sorted().toList();
        }
    }

    /**
     * The target vsftpd's own log: how many {@code STOR}s each final name got, asserting that every {@code STOR}
     * went to a temporary name.
     */
    Map<String, Integer> storsPerFinalName() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : Files.readAllLines(target.logFile(), StandardCharsets.ISO_8859_1)) {
            Matcher stor = STOR.matcher(line);
            if (stor.find()) {
                String file = stor.group(1).substring(stor.group(1).lastIndexOf('/') + 1);
                Matcher temporary = TEMPORARY.matcher(file);
                assertThat(temporary.matches()).as("STOR to a temporary name: " + line).isTrue();
                counts.merge(temporary.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** {@link #storsPerFinalName()} of the names written more than once. */
    Map<String, Integer> duplicateStors() throws IOException {
        return storsPerFinalName().entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            for (NodeProcess node : nodes.values()) {
                node.close();
            }
            keepLogs();
        } finally {
            try {
                target.close();
                source.close();
            } finally {
                zookeeper.close();
            }
        }
    }

    private void keepLogs() throws IOException {
        Path kept = Files.createDirectories(Path.of("target", name));
        for (Path log : logs) {
            Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(source.logFile(), kept.resolve("source-vsftpd.log"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(target.logFile(), kept.resolve("target-vsftpd.log"), StandardCopyOption.REPLACE_EXISTING);
    }

    private long writtenOf(String file) throws IOException {
        try (DirectoryStream<Path> temporary = Files.newDirectoryStream(target.home(), ".ftp3p." + file + ".*")) {
            long most = 0;
            for (Path part : temporary) {
                try {
                    most = Math.max(most, Files.size(part));
                } catch (IOException gone) {
                    // renamed or deleted meanwhile
                }
            }
            return most;
        }
    }

    private static Set<String> finalNames(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String uri(RealFtpServer server) {
        return "ftp://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + server.writableDirectory();
    }

    private static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
