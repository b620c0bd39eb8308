package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import io.github.ftp3p.transfer.SyncEntry;
import io.github.ftp3p.transfer.SyncSummary;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ftp3p:sync with every server kind of the interop matrix, as the source (Apache FtpServer the target) and as the
 * target (Apache FtpServer the source): MLSD where the server offers it, LIST and MDTM where it does not. One tree
 * through its whole life: the first sync, an unchanged re-run, a file changed in size, one newer on the source, a
 * file deleted on the source with
 * and without deleteExtraneous, a filtered dry run. The rows become the sync section of docs/interop.adoc.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncInteropTest {

    static final List<String> KINDS = List.of(Peer.FTPSERVER, RealFtpServer.VSFTPD, RealFtpServer.PROFTPD,
            RealFtpServer.PURE_FTPD, RealFtpServer.PYFTPDLIB, RealFtpServer.NETKIT_FTPD, RealFtpServer.INETUTILS_FTPD);
    /** Each row's outcome, for the interop page. */
    static final Map<String, String> RESULTS = new ConcurrentHashMap<>();

    @RegisterExtension
    final InteropWork work = new InteropWork();

    @AfterAll
    void publish() {
        InteropReport.recordSync(RESULTS, RESULTS.size() == rows().count());
    }

    Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (String kind : KINDS) {
            rows.add(Arguments.of(kind, "source"));
            rows.add(Arguments.of(kind, "target"));
        }
        return rows.stream();
    }

    private Peer peer(String kind, String role) {
        if (Peer.FTPSERVER.equals(kind)) {
            return work.track(Peer.embedded(work.resolve(kind + "-" + role), false));
        }
        Peer peer = Peer.real(kind, work.resolve(kind + "-" + role), RealFtpServer.Options.defaults()).orElse(null);
        assumeTrue(peer != null, () -> RealFtpServer.unavailableReason(kind));
        return work.track(peer);
    }

    @ParameterizedTest(name = "{0} as the {1}")
    @MethodSource("rows")
    void aTreeIsMirroredKeptInStepAndPrunedWithEveryServerKind(String kind, String role) throws Exception {
        Peer source = peer("source".equals(role) ? kind : Peer.FTPSERVER, "source");
        Peer target = peer("target".equals(role) ? kind : Peer.FTPSERVER, "target");
        Path from = Files.createDirectories(source.home().resolve("tree"));
        Path to = target.home().resolve("mirror");
        givenTree(from);
        String uri = "ftp3p:sync?" + source.options("source").replaceFirst("(source=[^&]*?)/?(&|$)", "$1/tree$2")
                + "&" + target.options("target").replaceFirst("(target=[^&]*?)/?(&|$)", "$1/mirror$2")
                + "&replyTimeout=10000";
        String row = kind + " as the " + role;

        SyncSummary first = sync(uri, "");
        assertThat(first.copied()).as(row).isEqualTo(4);
        assertSameTree(from, to);

        SyncSummary unchanged = sync(uri, "");
        assertThat(unchanged.copied()).as(row + ", re-run").isZero();
        assertThat(unchanged.skipped()).as(row + ", re-run").isEqualTo(4);

        FtpServerPair.writeRandom(from.resolve("top.csv"), 1500, 9);
        SyncSummary changed = sync(uri, "");
        assertThat(changed.entries()).as(row + ", changed").filteredOn(e -> e.action() == SyncEntry.Action.COPIED)
                .extracting(SyncEntry::path).containsExactly("top.csv");

        // Newer on the source, same size: found by MLSD's exact times, or by MDTM where LIST times are minutes.
        Files.setLastModifiedTime(from.resolve("a/one.bin"), FileTime.from(Instant.now().plus(Duration.ofHours(2))));
        SyncSummary newer = sync(uri, "");
        assertThat(newer.entries()).as(row + ", newer").filteredOn(e -> e.action() == SyncEntry.Action.COPIED)
                .extracting(SyncEntry::path).containsExactly("a/one.bin");

        Files.delete(from.resolve("a/b/two words.txt"));
        sync(uri, "");
        assertThat(to.resolve("a/b/two words.txt")).as(row + ", without deleteExtraneous").exists();
        SyncSummary pruned = sync(uri, "deleteExtraneous=true");
        assertThat(pruned.deleted()).as(row + ", deleteExtraneous").isEqualTo(1);
        assertSameTree(from, to);

        FtpServerPair.writeRandom(from.resolve("a/new.csv"), 10, 10);
        FtpServerPair.writeRandom(from.resolve("a/new.tmp"), 10, 11);
        SyncSummary plan = sync(uri, "dryRun=true&antInclude=**/*.csv");
        assertThat(plan.entries()).as(row + ", dry run").filteredOn(e -> e.action() == SyncEntry.Action.WOULD_COPY)
                .extracting(SyncEntry::path).containsExactly("a/new.csv");
        assertThat(to.resolve("a/new.csv")).doesNotExist();
        assertThat(first.listingBytes()).as(row + ", listing bytes").isPositive();
        RESULTS.put(row, "passes");
    }

    private SyncSummary sync(String uri, String options) {
        Exchange result = work.camel().createProducerTemplate().request(uri + (options.isEmpty() ? "" : "&" + options),
                e -> { });
        assertThat(result.getException()).isNull();
        return result.getMessage().getBody(SyncSummary.class);
    }

    /** Nested and empty directories, a space and UTF-8 in names. */
    private static void givenTree(Path root) throws Exception {
        FtpServerPair.writeRandom(root.resolve("top.csv"), 1000, 1);
        FtpServerPair.writeRandom(root.resolve("a/one.bin"), 20_000, 2);
        FtpServerPair.writeRandom(root.resolve("a/b/two words.txt"), 300, 3);
        FtpServerPair.writeRandom(root.resolve("a/b/c/äöü-€.dat"), 4096, 4);
        Files.createDirectories(root.resolve("empty"));
        try (Stream<Path> paths = Files.walk(root)) {
            // The servers run as other users: they must read (and, as a source of a later delete, list) the tree.
            paths.forEach(p -> p.toFile().setReadable(true, false));
        }
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        }
    }

    private static void assertSameTree(Path source, Path target) throws Exception {
        assertThat(tree(target)).isEqualTo(tree(source));
        for (String path : tree(source)) {
            if (!path.endsWith("/")) {
                assertThat(Files.mismatch(source.resolve(path), target.resolve(path))).as(path).isEqualTo(-1L);
            }
        }
    }
}
