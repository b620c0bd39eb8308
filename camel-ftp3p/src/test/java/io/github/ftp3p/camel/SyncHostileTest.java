package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.github.ftp3p.protocol.SameFileException;
import io.github.ftp3p.testing.ScriptedFtpServer;
import io.github.ftp3p.transfer.SyncEntry;
import io.github.ftp3p.transfer.SyncSummary;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ftp3p:sync against what an adversary would try: overlapping trees, racing syncs, hostile listings, limits. */
class SyncHostileTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private Exchange sync(String uri) {
        return servers.camel().createProducerTemplate().request(uri, e -> { });
    }

    @ParameterizedTest(name = "target directory {0}")
    @ValueSource(strings = { "outbox", "outbox/mirror", "/outbox", "" })
    void aTargetTreeOnTheSameServerInsideOrEqualToTheSourceIsRefusedBeforeAnyCommand(String directory) throws Exception {
        servers.givenSourceFile("a/one.bin", 100);
        String uri = "ftp3p:sync?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                + servers.source().password() + ")&target=ftp://" + servers.source().user() + "@localhost:"
                + servers.source().port() + "/" + directory + "&targetPassword=RAW(" + servers.source().password() + ")";
        int before = servers.source().commands().size();

        Exchange result = sync(uri);

        assertThat(result.getException()).hasCauseInstanceOf(SameFileException.class).hasMessageContaining("may overlap");
        assertThat(servers.source().commands()).hasSize(before);
    }

    @Test
    void twoSyncsOfOneTreeAtOnceLeaveEveryFileWholeAndNoTemporaryFile() throws Exception {
        for (int i = 0; i < 30; i++) {
            servers.givenSourceFile("d" + (i % 3) + "/f" + i + ".bin", 30_000 + i);
        }

        List<Exchange> results = Racers.race(servers.camel(), servers.uri("sync", "parallelTransfers=2&maxConnections=6"),
                e -> { });

        for (Exchange result : results) {
            SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
            // A file both copied at once may fail for one of them, naming the race; never for another reason.
            summary.failures().forEach(f -> assertThat(f.reason()).containsAnyOf("another transfer", "while this one ran"));
        }
        for (int i = 0; i < 30; i++) {
            String path = "d" + (i % 3) + "/f" + i + ".bin";
            assertThat(Files.mismatch(servers.sourceFile(path), servers.targetFile(path))).as(path).isEqualTo(-1L);
        }
        for (int d = 0; d < 3; d++) {
            assertThat(FtpServerPair.temporaryFiles(servers.targetFile("d" + d))).isEmpty();
        }
    }

    @Test
    void aFileWrittenUnderTheFinalNameAfterTheListingIsNeverReplacedAndTheRaceIsReported() throws Exception {
        servers.givenSourceFile("a/one.bin", 20_000);
        servers.givenSourceFile("a/two.bin", 30_000);
        Path other = servers.targetFile("a/one.bin");
        // Someone else writes the final name after the sync listed the target, while ftp3p writes its copy.
        servers.target().beforeEach("STOR", name -> {
            if (name.contains(".ftp3p.one.bin.")) {
                FtpServerPair.writeRandom(other, 5_000, 99);
            }
        });

        Exchange result = sync(servers.uri("sync", ""));

        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        assertThat(summary.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a/one.bin");
            assertThat(f.reason()).contains("created by another transfer");
        });
        assertThat(other).hasSize(5_000);
        assertThat(Files.mismatch(servers.sourceFile("a/two.bin"), servers.targetFile("a/two.bin"))).isEqualTo(-1L);
        assertThat(FtpServerPair.temporaryFiles(servers.targetFile("a"))).isEmpty();
    }

    @Test
    void aSourceFileRemovedAfterTheListingFailsAsARaceAndLeavesNothingOnTheTarget() throws Exception {
        Path source = servers.givenSourceFile("a/one.bin", 20_000);
        servers.source().beforeEach("PORT", argument -> source.toFile().delete());

        Exchange result = sync(servers.uri("sync", ""));

        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        assertThat(summary.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a/one.bin");
            assertThat(f.reason()).contains("removed meanwhile");
        });
        assertThat(servers.targetFile("a/one.bin")).doesNotExist();
        assertThat(FtpServerPair.temporaryFiles(servers.targetFile("a"))).isEmpty();
    }

    @Test
    void aSourceFileThatGrewAfterTheListingIsNotRenamedIntoPlaceAndTheNextSyncCopiesIt() throws Exception {
        Path source = servers.givenSourceFile("a/one.bin", 20_000);
        AtomicBoolean grown = new AtomicBoolean();
        servers.source().beforeEach("PORT", argument -> {
            if (grown.compareAndSet(false, true)) {
                FtpServerPair.writeRandom(source, 25_000, 7);
            }
        });

        Exchange first = sync(servers.uri("sync", ""));

        assertThat(first.getMessage().getBody(SyncSummary.class).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("does not match"));
        assertThat(servers.targetFile("a/one.bin")).doesNotExist();
        assertThat(FtpServerPair.temporaryFiles(servers.targetFile("a"))).isEmpty();

        Exchange second = sync(servers.uri("sync", ""));

        assertThat(second.getException()).isNull();
        assertThat(Files.mismatch(source, servers.targetFile("a/one.bin"))).isEqualTo(-1L);
    }

    @Test
    void aHostileListingsNamesWithSeparatorsOrControlCharactersAreNeitherCopiedNorAllowDeletes() throws Exception {
        try (ScriptedFtpServer hostile = ScriptedFtpServer.start()) {
            hostile.put("outbox/fine.txt", new byte[10]);
            hostile.on("FEAT", (s, arg) -> s.writeRaw("211-Features:\r\n MLST type*;size*;modify*;\r\n211 End\r\n"
                    .getBytes(StandardCharsets.UTF_8)));
            hostile.on("MLSD", (s, arg) -> {
                s.reply("150 listing");
                try (Socket data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT); OutputStream out = data.getOutputStream()) {
                    out.write(("type=file;size=10;modify=20260101000000; fine.txt\r\n"
                            + "type=file;size=10;modify=20260101000000; ../../etc/passwd\r\n"
                            + "type=file;size=10;modify=20260101000000; a\\b.txt\r\n"
                            + "type=file;size=10;modify=20260101000000; evil\u0007name\r\n").getBytes(StandardCharsets.UTF_8));
                }
                s.reply("226 done");
            });
            Files.createDirectories(servers.targetFile(""));
            Files.write(servers.targetFile("extra.txt"), new byte[3]);
            String uri = "ftp3p:sync?source=ftp://bob@127.0.0.1:" + hostile.port() + "/outbox&sourcePassword=secret"
                    + "&target=" + servers.target().uri("inbox") + "&targetPassword=RAW(" + servers.target().password() + ")"
                    + "&deleteExtraneous=true&replyTimeout=5000";

            Exchange result = sync(uri);

            SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
            assertThat(summary.entries()).filteredOn(e -> e.action() == SyncEntry.Action.COPIED)
                    .extracting(SyncEntry::path).containsExactly("fine.txt");
            assertThat(result.getException()).hasMessageContaining("deleteExtraneous refused");
            assertThat(servers.targetFile("extra.txt")).exists();
            try (Stream<Path> files = Files.walk(servers.target().home())) {
                assertThat(files.map(Path::getFileName).map(Path::toString))
                        .noneMatch(n -> n.contains("passwd") || n.contains("evil") || n.contains("b.txt"));
            }
        }
    }

    @Test
    void aSourceThatStopsSendingItsListingFailsThatDirectoryWithinTheReplyTimeout() throws Exception {
        try (ScriptedFtpServer silent = ScriptedFtpServer.start()) {
            silent.on("LIST", ScriptedFtpServer.LISTING_THAT_STOPS);
            String uri = "ftp3p:sync?source=ftp://bob@127.0.0.1:" + silent.port() + "/outbox&sourcePassword=secret"
                    + "&target=" + servers.target().uri("inbox") + "&targetPassword=RAW(" + servers.target().password() + ")"
                    + "&replyTimeout=1000";
            long started = System.nanoTime();

            Exchange result = sync(uri);

            assertThat(result.getException()).hasMessageContaining("listing").hasMessageContaining("/");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR"));
        }
    }

    @Test
    void maxDepthZeroCopiesOnlyTheFilesOfTheSourceDirectoryItself() throws Exception {
        servers.givenSourceFile("top.txt", 10);
        servers.givenSourceFile("a/below.txt", 10);

        Exchange result = sync(servers.uri("sync", "maxDepth=0"));

        assertThat(result.getException()).isNull();
        assertThat(servers.targetFile("top.txt")).exists();
        assertThat(servers.targetFile("a")).doesNotExist();
    }

    @Test
    void maxDeletesZeroRefusesTheOneDeletionAndDeletesNothing() throws Exception {
        servers.givenSourceFile("keep.txt", 10);
        Files.createDirectories(servers.targetFile(""));
        Files.write(servers.targetFile("gone.txt"), new byte[1]);

        Exchange result = sync(servers.uri("sync", "deleteExtraneous=true&maxDeletes=0"));

        assertThat(result.getException()).hasMessageContaining("more than maxDeletes=0");
        assertThat(servers.targetFile("gone.txt")).exists();
        assertThat(servers.targetFile("keep.txt")).exists();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "maxDepth=101", "maxDepth=-1", "parallelTransfers=0", "parallelTransfers=1001",
            "maxDeletes=-1", "timeTolerance=abc", "syncMode=newer", "include=[", "antInclude=,," })
    void aSyncOptionPastItsLimitIsRefusedWhenTheEndpointIsCreatedNamingIt(String option) {
        String name = option.substring(0, option.indexOf('='));

        assertThatThrownBy(() -> servers.camel().getEndpoint(servers.uri("sync", option)))
                .hasStackTraceContaining(name);
    }
}
