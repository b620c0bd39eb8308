package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.github.ftp3p.transfer.SyncEntry;
import io.github.ftp3p.transfer.SyncSummary;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ftp3p:sync on the embedded Apache FtpServer pair: a tree mirrored server to server. */
class SyncTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private Exchange sync(String options) {
        return servers.camel().createProducerTemplate().request(servers.uri("sync", options), e -> { });
    }

    /** A tree with nested and empty directories, spaces and UTF-8 names. */
    private void givenTree() throws Exception {
        servers.givenSourceFile("top.csv", 1000);
        servers.givenSourceFile("a/one.bin", 20_000);
        servers.givenSourceFile("a/b/two words.txt", 300);
        servers.givenSourceFile("a/b/c/äöü-€.dat", 4096);
        Files.createDirectories(servers.sourceFile("empty/deeper"));
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString() + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        }
    }

    private void assertSameTree() throws Exception {
        Path source = servers.sourceFile("");
        Path target = servers.targetFile("");
        assertThat(tree(target)).isEqualTo(tree(source));
        for (String path : tree(source)) {
            if (!path.endsWith("/")) {
                assertThat(Files.mismatch(source.resolve(path), target.resolve(path))).as(path).isEqualTo(-1L);
            }
        }
    }

    @Test
    void aTreeWithNestedEmptyAndUtf8NamedEntriesIsMirroredServerToServer() throws Exception {
        givenTree();

        Exchange result = sync("");

        assertThat(result.getException()).isNull();
        assertSameTree();
        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        assertThat(summary.copied()).isEqualTo(4);
        assertThat(summary.failed()).isZero();
        assertThat(summary.directoriesCreated()).isEqualTo(5);
        assertThat(summary.bytes()).isEqualTo(1000 + 20_000 + 300 + 4096);
        assertThat(summary.listingBytes()).isPositive();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.SYNC_COPIED)).isEqualTo(4);
        assertThat(result.getProperty(Ftp3pConstants.SYNC_PROGRESS, SyncProgress.class))
                .isEqualTo(new SyncProgress(4, 1000 + 20_000 + 300 + 4096));
        assertThat(FtpServerPair.temporaryFiles(servers.targetFile("a/b"))).isEmpty();
    }

    @Test
    void aCopyAsksNeitherTheSourcesSizeNorTheFinalNameWhenTheSyncsListingsShowedThem() throws Exception {
        givenTree();

        Exchange result = sync("");

        assertThat(result.getException()).isNull();
        assertSameTree();
        // The listings gave each source's size and showed no final name on the target: only the written temporary
        // file is asked its SIZE, to verify the copy.
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("SIZE") || c.startsWith("MDTM"));
        assertThat(servers.target().commands()).filteredOn(c -> c.startsWith("SIZE") || c.startsWith("MDTM"))
                .hasSize(4).allMatch(c -> c.startsWith("SIZE ") && c.contains("/.ftp3p."));
    }

    @Test
    void aFileAlreadyOnTheTargetIsLookedAtAgainJustBeforeItIsReplaced() throws Exception {
        givenTree();
        assertThat(sync("").getException()).isNull();
        servers.givenSourceFile("top.csv", 1001);
        servers.target().clearRecords();

        Exchange second = sync("");

        assertThat(second.getException()).isNull();
        assertSameTree();
        // Its listing showed a file there: only a fresh SIZE and MDTM tell later whether it is still that file.
        assertThat(servers.target().commands()).contains("SIZE inbox/top.csv", "MDTM inbox/top.csv");
    }

    @Test
    void theSummaryCountsTheRoundTripsOfTheSyncsConnectionsFewerThanItsCommands() throws Exception {
        for (int i = 0; i < 40; i++) {
            servers.givenSourceFile("d" + (i % 2) + "/f" + i + ".bin", 1000 + i);
        }
        servers.source().clearRecords();
        servers.target().clearRecords();

        Exchange result = sync("");

        assertThat(result.getException()).isNull();
        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        int commands = servers.source().commands().size() + servers.target().commands().size();
        assertThat(summary.roundTrips()).isPositive().isLessThan(commands / 2);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.SYNC_ROUND_TRIPS)).isEqualTo(summary.roundTrips());
    }

    @Test
    void aSecondSyncRightAfterTheFirstTransfersNothing() throws Exception {
        givenTree();
        assertThat(sync("").getException()).isNull();
        int stors = storCount();

        Exchange second = sync("");

        assertThat(second.getException()).isNull();
        SyncSummary summary = second.getMessage().getBody(SyncSummary.class);
        assertThat(summary.copied()).isZero();
        assertThat(summary.skipped()).isEqualTo(4);
        assertThat(storCount()).isEqualTo(stors);
        assertThat(servers.source().commands()).filteredOn(c -> c.startsWith("RETR")).hasSize(4);
    }

    private int storCount() {
        return (int) servers.target().commands().stream().filter(c -> c.startsWith("STOR")).count();
    }

    @Test
    void aFileChangedInSizeOrNewerOnTheSourceIsCopiedAgainAndTheOthersAreNot() throws Exception {
        givenTree();
        assertThat(sync("").getException()).isNull();
        servers.givenSourceFile("top.csv", 1001);
        Path newer = servers.sourceFile("a/one.bin");
        Files.setLastModifiedTime(newer, FileTime.from(Instant.now().plusSeconds(3600)));

        Exchange second = sync("");

        SyncSummary summary = second.getMessage().getBody(SyncSummary.class);
        assertThat(summary.entries()).filteredOn(e -> e.action() == SyncEntry.Action.COPIED).extracting(SyncEntry::path)
                .containsExactlyInAnyOrder("top.csv", "a/one.bin");
        assertSameTree();
    }

    @Test
    void aFileDeletedOnTheSourceStaysOnTheTargetUnlessDeleteExtraneous() throws Exception {
        givenTree();
        assertThat(sync("").getException()).isNull();
        Files.delete(servers.sourceFile("a/b/two words.txt"));
        Files.delete(servers.sourceFile("empty/deeper"));

        assertThat(sync("").getException()).isNull();
        assertThat(servers.targetFile("a/b/two words.txt")).exists();

        Exchange deleting = sync("deleteExtraneous=true");

        assertThat(deleting.getException()).isNull();
        assertThat(servers.targetFile("a/b/two words.txt")).doesNotExist();
        assertThat(servers.targetFile("empty/deeper")).doesNotExist();
        assertThat(deleting.getMessage().getBody(SyncSummary.class).deleted()).isEqualTo(2);
        assertSameTree();
    }

    @Test
    void includeAndExcludeChooseFilesByTheirRelativePath() throws Exception {
        givenTree();

        Exchange result = sync("antInclude=a/**&exclude=.*\\.txt");

        assertThat(result.getException()).isNull();
        assertThat(servers.targetFile("a/one.bin")).exists();
        assertThat(servers.targetFile("a/b/c/äöü-€.dat")).exists();
        assertThat(servers.targetFile("a/b/two words.txt")).doesNotExist();
        assertThat(servers.targetFile("top.csv")).doesNotExist();
    }

    @Test
    void aDryRunReturnsThePlanAndChangesNothing() throws Exception {
        givenTree();

        Exchange result = sync("dryRun=true");

        assertThat(result.getException()).isNull();
        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.entries()).filteredOn(e -> e.action() == SyncEntry.Action.WOULD_COPY).hasSize(4);
        assertThat(tree(servers.targetFile(""))).isEmpty();
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR") || c.startsWith("MKD"));
    }

    @Test
    void aFailedFileDoesNotStopTheSyncAndTheExchangeFailsListingItWithTheSummary() throws Exception {
        givenTree();
        // The target has a directory where the source has a file: that file cannot be copied.
        Files.createDirectories(servers.targetFile("top.csv"));

        Exchange result = sync("");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasMessageContaining("top.csv");
        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.copied()).isEqualTo(3);
        assertThat(servers.targetFile("a/b/c/äöü-€.dat")).exists();
    }

    @Test
    void fourLanesCopyTheSameTree() throws Exception {
        givenTree();
        for (int i = 0; i < 40; i++) {
            servers.givenSourceFile("many/f" + i, 1000 + i);
        }

        Exchange result = sync("parallelTransfers=4&maxConnections=5");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody(SyncSummary.class).copied()).isEqualTo(44);
        assertSameTree();
    }

    @Test
    void preserveLastModifiedGivesEachCopyItsSourcesTimeSoThatTheNextSyncSkipsIt() throws Exception {
        servers.givenSourceFile("old.csv", 100);
        Instant past = Instant.parse("2024-05-01T10:00:00Z");
        Files.setLastModifiedTime(servers.sourceFile("old.csv"), FileTime.from(past));

        assertThat(sync("preserveLastModified=true").getException()).isNull();

        assertThat(Files.getLastModifiedTime(servers.targetFile("old.csv")).toInstant()).isEqualTo(past);
        assertThat(sync("preserveLastModified=true").getMessage().getBody(SyncSummary.class).copied()).isZero();
    }

    @Test
    void aDirectoryAnEarlierSyncMadeAndSomeoneRemovedSinceIsMadeAgain() throws Exception {
        givenTree();
        assertThat(sync("").getException()).isNull();
        try (Stream<Path> paths = Files.walk(servers.targetFile("a"))) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }

        Exchange second = sync("");

        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getBody(SyncSummary.class).copied()).isEqualTo(3);
        assertSameTree();
    }

    @Test
    void aLevelOfMoreDirectoriesThanOneRoundListsIsMirroredListingEachOnce() throws Exception {
        for (int d = 0; d < 40; d++) {
            servers.givenSourceFile(String.format("d%02d/f.txt", d), 100 + d);
        }

        Exchange result = sync("");

        assertThat(result.getException()).isNull();
        assertSameTree();
        // 40 directories: a round of 32 listed together, then one of 8; the source directory itself before them.
        assertThat(servers.source().commands()).filteredOn(c -> c.startsWith("MLSD")).hasSize(41);
    }
}
