package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TargetExistsException;
import io.github.ftp3p.protocol.VerificationException;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The data-safety rules of one file, shown on both paths a file can take: copied on its own, and as the second
 * file of a batch (the first settles the orientation; the second is pipelined where the options allow). The two
 * paths once wrote these rules twice and drifted; each case here fails if either path breaks a rule.
 */
class PerFileRulesTest {

    /** How the file under test is sent. */
    enum Way {
        SINGLE, BATCH;

        /** Sends {@code name} alone, or after a warm-up file in one CamelFtp3pFileNames batch. */
        Exchange send(FtpServerPair servers, String uri, String name) {
            if (this == SINGLE) {
                return servers.send(uri, name);
            }
            if (!Files.exists(servers.sourceFile("warm-up.bin"))) {
                servers.givenSourceFile("warm-up.bin", 1000);
            }
            return servers.camel().createProducerTemplate().request(uri, e -> {
                e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, List.of("warm-up.bin", name));
                e.setProperty(Ftp3pConstants.ATTEMPT, FtpServerPair.ATTEMPT);
            });
        }
    }

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private Path inbox() {
        return servers.targetFile("x").getParent();
    }

    private static FtpTransferException cause(Exchange result) {
        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        return (FtpTransferException) result.getException().getCause();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aCopyIsVerifiedBySizeAndRenamedIntoPlaceKeepingTheSource(Way way) throws Exception {
        Path original = servers.givenSourceFile("copy.bin", 70_000);

        Exchange result = way.send(servers, servers.uri("copy", ""), "copy.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("copy.bin"))).isEqualTo(-1L);
        assertThat(original).exists();
        String temp = "inbox/" + FtpServerPair.temp("copy.bin");
        assertThat(servers.target().commands()).containsSubsequence("STOR " + temp, "SIZE " + temp, "RNFR " + temp,
                "RNTO inbox/copy.bin");
        assertThat(FtpServerPair.temporaryFiles(inbox())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aMoveDeletesTheSourceOnlyAfterTheRename(Way way) throws Exception {
        Path original = servers.givenSourceFile("move.bin", 70_000);
        byte[] content = Files.readAllBytes(original);

        Exchange result = way.send(servers, servers.uri("move", ""), "move.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.readAllBytes(servers.targetFile("move.bin"))).isEqualTo(content);
        assertThat(original).doesNotExist();
        assertThat(servers.target().commands()).contains("RNTO inbox/move.bin");
        assertThat(servers.source().commands()).contains("DELE outbox/move.bin");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void moveSourceToRenamesTheSourceIntoTheDoneDirectoryAfterTheRename(Way way) throws Exception {
        Path original = servers.givenSourceFile("done.bin", 5000);
        Files.createDirectories(servers.sourceFile("done"));

        Exchange result = way.send(servers, servers.uri("copy", "moveSourceTo=done/${header.CamelFileName}"), "done.bin");

        assertThat(result.getException()).isNull();
        assertThat(original).doesNotExist();
        assertThat(Files.mismatch(servers.sourceFile("done/done.bin"), servers.targetFile("done.bin"))).isEqualTo(-1L);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void overrideReplacesAnOldTargetOnlyAfterSeeingItUnchangedSinceBeforeTheStor(Way way) throws Exception {
        Path original = servers.givenSourceFile("old.csv", 3000);
        Files.writeString(servers.targetFile("old.csv"), "old content");

        Exchange result = way.send(servers, servers.uri("copy", ""), "old.csv");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("old.csv"))).isEqualTo(-1L);
        String temp = "inbox/" + FtpServerPair.temp("old.csv");
        assertThat(servers.target().commands()).containsSubsequence("SIZE inbox/old.csv", "MDTM inbox/old.csv",
                "STOR " + temp, "SIZE inbox/old.csv", "MDTM inbox/old.csv", "DELE inbox/old.csv", "RNTO inbox/old.csv");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void fileExistFailLeavesAnExistingTargetAloneAndWritesNothing(Way way) throws Exception {
        servers.givenSourceFile("taken.csv", 300);
        Files.writeString(servers.targetFile("taken.csv"), "theirs");

        Exchange result = way.send(servers, servers.uri("move", "fileExist=Fail"), "taken.csv");

        assertThat(cause(result)).isInstanceOf(TargetExistsException.class);
        assertThat(servers.targetFile("taken.csv")).hasContent("theirs");
        assertThat(servers.sourceFile("taken.csv")).exists();
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR inbox/" + FtpServerPair.temp("taken.csv")));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void fileExistIgnoreSkipsAnExistingTargetAndKeepsTheSource(Way way) throws Exception {
        servers.givenSourceFile("skip.csv", 300);
        Files.writeString(servers.targetFile("skip.csv"), "theirs");

        Exchange result = way.send(servers, servers.uri("move", "fileExist=Ignore"), "skip.csv");

        assertThat(result.getException()).isNull();
        assertThat(servers.targetFile("skip.csv")).hasContent("theirs");
        assertThat(servers.sourceFile("skip.csv")).exists();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void fileExistTryRenameNeverDeletesTheExistingTargetAndRemovesItsOwnTemporaryFile(Way way) throws Exception {
        servers.givenSourceFile("busy.csv", 300);
        Files.writeString(servers.targetFile("busy.csv"), "keep me");

        Exchange result = way.send(servers, servers.uri("move", "fileExist=TryRename"), "busy.csv");

        assertThat(cause(result)).isInstanceOf(FtpReplyException.class);
        assertThat(cause(result).command().verb()).isEqualTo("RNTO");
        assertThat(servers.targetFile("busy.csv")).hasContent("keep me");
        assertThat(servers.sourceFile("busy.csv")).exists();
        assertThat(servers.target().commands()).doesNotContain("DELE inbox/busy.csv");
        assertThat(FtpServerPair.temporaryFiles(inbox())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void fileExistAppendAddsTheSourceToTheExistingTarget(Way way) throws Exception {
        Files.writeString(servers.sourceFile("log.txt"), "second\n");
        Files.writeString(servers.targetFile("log.txt"), "first\n");

        Exchange result = way.send(servers, servers.uri("copy", "fileExist=Append"), "log.txt");

        assertThat(result.getException()).isNull();
        assertThat(servers.targetFile("log.txt")).hasContent("first\nsecond\n");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void withoutTemporaryFilesTheFinalNameIsWrittenDirectly(Way way) throws Exception {
        Path original = servers.givenSourceFile("direct.bin", 7000);

        Exchange result = way.send(servers, servers.uri("move", "useTempFile=false"), "direct.bin");

        assertThat(result.getException()).isNull();
        assertThat(servers.target().commands()).contains("STOR inbox/direct.bin").noneMatch(c -> c.startsWith("RNFR inbox"));
        assertThat(original).doesNotExist();
        assertThat(servers.targetFile("direct.bin")).hasSize(7000);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aMissingSourceFailsOnTheSourceBeforeTheTargetIsWritten(Way way) throws Exception {
        Exchange result = way.send(servers, servers.uri("move", ""), "absent.bin");

        assertThat(cause(result).side()).isEqualTo(Side.SOURCE);
        assertThat(cause(result).replyCode()).isEqualTo(550);
        assertThat(servers.target().commands()).noneMatch(c -> c.contains("absent.bin") && c.startsWith("STOR"));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aTargetThatRefusesTheFileKeepsTheSourceAndLeavesNothing(Way way) throws Exception {
        // The source has the directory; the target does not, and may not create it: it refuses the STOR.
        Path original = servers.givenSourceFile("missing-dir/refused.bin", 1000);

        Exchange result = way.send(servers, servers.uri("move", "autoCreate=false"), "missing-dir/refused.bin");

        assertThat(cause(result).side()).isEqualTo(Side.TARGET);
        assertThat(cause(result).command().verb()).isEqualTo("STOR");
        assertThat(original).exists();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aCopyWhoseSizeDoesNotMatchIsRemovedAndTheSourceKept(Way way) throws Exception {
        try (ScriptedFtpServer truncating = ScriptedFtpServer.start()) {
            truncating.on("STOR", (s, name) -> {
                try (var data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT)) {
                    s.reply("150 ok");
                    byte[] all = data.getInputStream().readAllBytes();
                    s.store().put(name, name.contains("short") ? java.util.Arrays.copyOf(all, all.length - 1) : all);
                }
                s.reply("226 done");
            });
            Path original = servers.givenSourceFile("short.bin", 4096);
            String uri = "ftp3p:move?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                    + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + truncating.port()
                    + "/inbox&targetPassword=x";

            Exchange result = way.send(servers, uri, "short.bin");

            assertThat(cause(result)).isInstanceOf(VerificationException.class);
            assertThat(original).exists().hasSize(4096);
            assertThat(truncating.store()).doesNotContainKey("inbox/short.bin")
                    .doesNotContainKey("inbox/" + FtpServerPair.temp("short.bin"));
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aControlConnectionCutMidFileKeepsTheSourceAndLeavesNothingOnTheTarget(Way way) throws Exception {
        servers.givenSourceFile("warm-up.bin", 1000);
        servers.source().throttle(1024 * 1024);
        byte[] original = Files.readAllBytes(servers.givenSourceFile("big.bin", 4L * 1024 * 1024));
        try (io.github.ftp3p.testing.FaultProxy proxy = io.github.ftp3p.testing.FaultProxy.to(servers.source().port())) {
            String uri = servers.uri("move", "replyTimeout=2000&resume=false")
                    .replace(":" + servers.source().port() + "/", ":" + proxy.port() + "/");

            var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> way.send(servers, uri, "big.bin"));
            Path partial = servers.targetFile(FtpServerPair.temp("big.bin"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Files.exists(partial) && Files.size(partial) > 0);
            proxy.cutAll();
            Exchange result = running.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(cause(result).side()).isEqualTo(Side.SOURCE);
            assertThat(Files.readAllBytes(servers.sourceFile("big.bin"))).isEqualTo(original);
            assertThat(servers.targetFile("big.bin")).doesNotExist();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(FtpServerPair.temporaryFiles(inbox())).isEmpty());
        }
    }
}
