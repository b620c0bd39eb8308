package io.github.ftp3p.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes, each its own JVM, run the same route against one PostgreSQL claim table and two vsftpd servers;
 * 2,000 files arrive in waves while they run, and two nodes are killed with SIGKILL while moving a big file (one
 * of them is started again). Every file must end up at the target once, byte for byte, and nowhere else.
 * <p>
 * Timings are shortened for the test (production values: docs/many-nodes.adoc): a claim is stale after
 * {@link #LOCK_MAX_AGE} without renewal, renewed every {@link #KEEP_ALIVE}. Every wait is bounded: a node's start
 * by {@link #NODE_READY}, catching a node mid-transfer by {@link #IN_FLIGHT}, a takeover by {@link #TAKEOVER}, the
 * whole set by {@link #ALL_MOVED}.
 */
class CompetingConsumersTest {

    private static final int FILES = 2_000;
    private static final int WAVES = 8;
    /** Big enough that a kill lands while vsftpd is still writing it (about 0.1-0.5 s on loopback). */
    private static final long BIG_FILE = 64L << 20;
    /** Waves after whose drop a node is killed while moving one of the wave's big files. */
    private static final Set<Integer> KILL_AFTER_WAVES = Set.of(1, 4);
    private static final int BIG_PER_KILL_WAVE = 3;

    private static final Duration LOCK_MAX_AGE = Duration.ofSeconds(4);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

    /** A JVM start, Camel and the first connection to the table: 2-5 s here, 15 s on a loaded CI machine. */
    private static final Duration NODE_READY = Duration.ofSeconds(60);
    /** Until a node has started a big file of the wave just dropped and its temporary file is at the target. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(60);
    /** The claim goes stale after LOCK_MAX_AGE, then the next listing (250 ms apart) takes it over. */
    private static final Duration TAKEOVER = LOCK_MAX_AGE.plusSeconds(60);
    /** 2,000 files take 30-90 s with three, then two, nodes on 2 cores. */
    private static final Duration ALL_MOVED = Duration.ofSeconds(180);

    /** Kept when the test fails: the nodes' logs, vsftpd's and PostgreSQL's say what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    /** What a kill hit. */
    record Kill(String node, long pid, Set<String> inFlight, String file, String point, Duration takeover) {
    }

    @Test
    void threeNodesMoveEveryFileExactlyOnceWhileTwoOfThemAreKilledMidTransfer() throws Exception {
        long wallStart = System.nanoTime();
        Engines.require(PostgresServer.unavailableReason());
        Optional<RealFtpServer> maybeSource = RealFtpServer.vsftpd(work.resolve("source"), RealFtpServer.Options.defaults());
        Engines.require(maybeSource.isPresent() ? null : "vsftpd is not installed (/usr/sbin/vsftpd)");
        try (RealFtpServer source = maybeSource.get();
             RealFtpServer target = RealFtpServer.vsftpd(work.resolve("target"), RealFtpServer.Options.defaults()).orElseThrow();
             PostgresServer database = PostgresServer.start(work)) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("ftp3p.source", url(source));
            settings.put("ftp3p.target", url(target));
            settings.put("ftp3p.db.url", database.jdbcUrl());
            settings.put("ftp3p.db.user", PostgresServer.USER);
            settings.put("ftp3p.lockMaxAge", Long.toString(LOCK_MAX_AGE.toMillis()));
            settings.put("ftp3p.keepAliveInterval", Long.toString(KEEP_ALIVE.toMillis()));
            settings.put("ftp3p.pollDelay", "250");
            settings.put("ftp3p.maxFilesPerPoll", "10");
            // The files here are renamed into place whole; the read lock still looks at each once.
            settings.put("ftp3p.readLockMinAge", "1000");
            settings.put("ftp3p.readLockCheckInterval", "250");
            settings.put("ftp3p.readLockTimeout", "10000");
            // The nodes' own sweep stays out of the way; the test runs ftp3p:cleanup itself at the end.
            settings.put("ftp3p.cleanupInterval", "3600000");

            DroppedFiles dropped = new DroppedFiles(source.home());
            List<NodeProcess> nodes = new ArrayList<>();
            List<Kill> kills = new ArrayList<>();
            try {
                // The first node creates the table; the others start once it is there.
                nodes.add(startNode("a", settings));
                nodes.add(startNode("b", settings));
                nodes.add(startNode("c", settings));

                int perWave = FILES / WAVES;
                int dropped_ = 0;
                for (int wave = 0; wave < WAVES; wave++) {
                    int big = KILL_AFTER_WAVES.contains(wave) ? BIG_PER_KILL_WAVE : 0;
                    // The watch starts before the drop: a node may take a big file while the rest of the wave comes.
                    CompletableFuture<Kill> killer = big == 0 ? null : watchAndKill(List.copyOf(nodes), "big-" + wave + "-",
                            source, target);
                    for (int i = 0; i < big; i++) {
                        dropped.drop(String.format("big-%d-%d.bin", wave, i), BIG_FILE + i);
                        dropped_++;
                    }
                    for (int i = big; i < perWave; i++) {
                        // Mostly small files, some of a few hundred KB.
                        long size = dropped_ % 50 == 0 ? 300_000 + dropped_ : 1 + (dropped_ * 7919L) % 16_384;
                        dropped.drop(String.format("f-%04d.bin", dropped_), size);
                        dropped_++;
                    }
                    if (killer != null) {
                        Kill kill = killer.get(IN_FLIGHT.plus(TAKEOVER).toSeconds(), TimeUnit.SECONDS);
                        kills.add(kill);
                        if (kills.size() == 1) {
                            // The first victim comes back under its name: its old claims are not its own any more.
                            nodes.add(startNode(kill.node(), settings));
                        }
                    }
                }
                assertThat(dropped.sha256ByName()).hasSize(FILES);

                await("all " + FILES + " files at the target and none left at the source").atMost(ALL_MOVED)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> finalNames(target.home()).size() == FILES && listing(source.home()).isEmpty());
            } finally {
                for (NodeProcess node : nodes) {
                    node.close();
                }
                keepLogs(nodes, source, target, database);
            }

            int claimRows = claimRows(database);
            List<String> leftovers = temporaryNames(target.home());
            int removed = cleanup(target);

            // Exactly once at the target, byte for byte; nothing at the source; nothing temporary left.
            assertThat(finalNames(target.home())).containsExactlyInAnyOrderElementsOf(dropped.sha256ByName().keySet());
            for (Map.Entry<String, String> file : dropped.sha256ByName().entrySet()) {
                assertThat(DroppedFiles.sha256Of(target.home().resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
            }
            assertThat(listing(source.home())).isEmpty();
            assertThat(temporaryNames(target.home())).isEmpty();
            assertThat(removed).isEqualTo(leftovers.size());

            // A file is stored twice only when a node died with it in hand.
            Map<String, Integer> stores = StoreLog.storesPerFinalName(target.logFile());
            assertThat(stores.keySet()).containsAll(dropped.sha256ByName().keySet());
            Set<String> duplicated = stores.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> inFlightAtAKill = kills.stream().flatMap(k -> k.inFlight().stream()).collect(Collectors.toSet());
            assertThat(duplicated).isSubsetOf(inFlightAtAKill);

            Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
            System.out.println(figures(dropped, kills, duplicated, stores, leftovers, removed, claimRows, nodes, wall));
        }
    }

    /** The nodes', servers' and database's logs, into target/competing-consumers/ for a look after the run. */
    private static void keepLogs(List<NodeProcess> nodes, RealFtpServer source, RealFtpServer target,
                                 PostgresServer database) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "competing-consumers"));
        for (NodeProcess node : nodes) {
            Files.copy(node.log, kept.resolve(node.log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(source.logFile(), kept.resolve("vsftpd-source.log"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(target.logFile(), kept.resolve("vsftpd-target.log"), StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(database.logFile())) {
            Files.copy(database.logFile(), kept.resolve("postgres.log"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private NodeProcess startNode(String name, Map<String, String> settings) throws IOException {
        int incarnation = 1;
        while (Files.exists(work.resolve("node-" + name + "-" + incarnation + ".log"))) {
            incarnation++;
        }
        NodeProcess node = NodeProcess.start(name, settings, work.resolve("node-" + name + "-" + incarnation + ".log"));
        await("node " + name + " ready").atMost(NODE_READY).pollInterval(Duration.ofMillis(100))
                .failFast("node " + name + " exited", () -> !node.isAlive())
                .until(node::isReady);
        return node;
    }

    private CompletableFuture<Kill> watchAndKill(List<NodeProcess> nodes, String prefix, RealFtpServer source,
                                                 RealFtpServer target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return killWhileMovingABigFile(nodes, prefix, source, target);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * Waits until a live node has started one of the big files whose names begin with {@code prefix} and its
     * temporary file is growing at the target, then kills that node with SIGKILL, and waits for another node to
     * move the file.
     */
    private Kill killWhileMovingABigFile(List<NodeProcess> nodes, String prefix, RealFtpServer source, RealFtpServer target)
            throws Exception {
        record Hit(NodeProcess node, String file, long written, long size) {
        }
        Hit hit = await("a node moving a " + prefix + "* file").atMost(IN_FLIGHT).pollInterval(Duration.ofMillis(2))
                .until(() -> {
                    // The cheap look first (one listing of the target), the nodes' logs only for a partial file.
                    for (String temporary : temporaryNames(target.home())) {
                        if (!temporary.startsWith(".ftp3p." + prefix)) {
                            continue;
                        }
                        String file = temporary.substring(".ftp3p.".length(), temporary.lastIndexOf('.'));
                        long written = sizeOrZero(target.home().resolve(temporary));
                        long size = sizeOrZero(source.home().resolve(file));
                        if (written == 0 || written >= size) {
                            continue;
                        }
                        for (NodeProcess node : nodes) {
                            if (node.isAlive() && node.unfinished().contains(file)) {
                                return new Hit(node, file, written, size);
                            }
                        }
                    }
                    return null;
                }, h -> h != null);
        hit.node().kill();
        long killedAt = System.nanoTime();
        // The servers' data connection may go on after the client is gone: what the directories show after the kill.
        String point = "mid-transfer (" + hit.written() + " of " + hit.size() + " bytes at the target just before the"
                + " kill); after it: " + afterTheKill(hit.file(), source, target);
        Set<String> inFlight = hit.node().unfinished();

        // Taken over: another node moved it, the source is gone and the final name holds all of it.
        Path moved = target.home().resolve(hit.file());
        await("takeover of " + hit.file()).atMost(TAKEOVER).pollInterval(Duration.ofMillis(50))
                .until(() -> !Files.exists(source.home().resolve(hit.file())) && Files.exists(moved)
                        && Files.size(moved) >= BIG_FILE);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        return new Kill(hit.node().name, hit.node().pid(), inFlight, hit.file(), point, takeover);
    }

    /** What the two directories show of {@code file} right after its node was killed. */
    private static String afterTheKill(String file, RealFtpServer source, RealFtpServer target) throws IOException {
        boolean sourceThere = Files.exists(source.home().resolve(file));
        boolean finalThere = Files.exists(target.home().resolve(file));
        long written = writtenSoFar(target.home(), file);
        long size = Files.exists(source.home().resolve(file)) ? Files.size(source.home().resolve(file)) : -1;
        if (!sourceThere) {
            return "the source was deleted: the move had ended";
        }
        if (finalThere) {
            return "renamed into place, the source still there";
        }
        if (written == 0) {
            return "nothing at the target";
        }
        return written < size ? "still partial (" + written + " of " + size + " bytes)" : "written whole, not renamed";
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException movedMeanwhile) {
            return 0;
        }
    }

    /** The size of the biggest temporary file of {@code file} at the target, 0 when there is none. */
    private static long writtenSoFar(Path targetDir, String file) throws IOException {
        long written = 0;
        for (String temporary : temporaryNamesOf(targetDir, file)) {
            try {
                written = Math.max(written, Files.size(targetDir.resolve(temporary)));
            } catch (NoSuchFileException renamedMeanwhile) {
                // the transfer ended and was renamed between the listing and the size
            }
        }
        return written;
    }

    /** Rows left in the claim table: a graceful stop releases the claims a node had not started. */
    private static int claimRows(PostgresServer database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), PostgresServer.USER, "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + FileClaims.TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** ftp3p:cleanup with tempFileMaxAge=0, as a node does when it is the only one left writing (docs/many-nodes.adoc). */
    private static int cleanup(RealFtpServer target) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            Exchange done = camel.createProducerTemplate().request("ftp3p:cleanup?target=" + url(target) + "&tempFileMaxAge=0",
                    e -> { });
            if (done.getException() != null) {
                throw done.getException();
            }
            return done.getMessage().getHeader(Ftp3pConstants.CLEANUP_DELETED, Integer.class);
        }
    }

    private static String url(RealFtpServer server) {
        return "ftp://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + server.writableDirectory();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Set<String> finalNames(Path dir) throws IOException {
        return listing(dir).stream().filter(n -> !n.startsWith(".")).collect(Collectors.toCollection(HashSet::new));
    }

    private static List<String> temporaryNames(Path dir) throws IOException {
        return listing(dir).stream().filter(n -> n.startsWith(".ftp3p.")).toList();
    }

    private static List<String> temporaryNamesOf(Path dir, String file) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".ftp3p." + file + ".")).toList();
        }
    }

    private static String figures(DroppedFiles dropped, List<Kill> kills, Set<String> duplicated,
                                  Map<String, Integer> stores, List<String> leftovers, int removed, int claimRows,
                                  List<NodeProcess> nodes, Duration wall) throws IOException {
        StringBuilder out = new StringBuilder("\n=== CompetingConsumersTest figures\n");
        out.append("files: ").append(dropped.sha256ByName().size()).append(" (").append(dropped.bytes() >> 20)
                .append(" MiB), every one at the target once with its SHA-256, source empty\n");
        out.append("kills (SIGKILL): ").append(kills.size()).append('\n');
        for (Kill kill : kills) {
            out.append("  node ").append(kill.node()).append(" (pid ").append(kill.pid()).append(") killed moving ")
                    .append(kill.file()).append(": ").append(kill.point()).append("; in flight: ").append(kill.inFlight())
                    .append("; takeover after ").append(kill.takeover().toMillis()).append(" ms\n");
        }
        out.append("STORs: ").append(stores.values().stream().mapToInt(Integer::intValue).sum()).append(" for ")
                .append(stores.size()).append(" files; duplicates: ").append(duplicated.size()).append(' ')
                .append(duplicated).append('\n');
        out.append("temporary files left before the cleanup: ").append(leftovers.size()).append(' ').append(leftovers)
                .append("; removed by ftp3p:cleanup: ").append(removed).append('\n');
        out.append("claim rows left in the table after the nodes stopped: ").append(claimRows)
                .append(" (stale claims of killed nodes for files already gone: moved by another node just before the"
                        + " claim, or by the killed node itself before its release; a node's deleteStaleClaims removes them)\n");
        out.append("moved per node process:");
        for (NodeProcess node : nodes) {
            out.append(' ').append(node.log.getFileName()).append('=').append(node.moved());
        }
        out.append("\nwall time: ").append(wall.toMillis()).append(" ms (lockMaxAge ").append(LOCK_MAX_AGE.toMillis())
                .append(" ms, keep-alive ").append(KEEP_ALIVE.toMillis()).append(" ms)\n");
        return out.toString();
    }
}
