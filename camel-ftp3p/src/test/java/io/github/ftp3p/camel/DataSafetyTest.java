package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TargetExistsException;
import io.github.ftp3p.protocol.UnsafeArgumentException;
import io.github.ftp3p.protocol.VerificationException;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verification, atomic target names, fileExist and source actions, between two Apache FtpServers. */
class DataSafetyTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void theTargetIsWrittenUnderATemporaryNameAndRenamedOnceVerified() throws Exception {
        Path original = servers.givenSourceFile("atomic.bin", 5000);

        Exchange result = servers.send(servers.uri("copy", ""), "atomic.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("atomic.bin"))).isEqualTo(-1L);
        assertThat(servers.targetFile(FtpServerPair.temp("atomic.bin"))).doesNotExist();
        assertThat(servers.target().commands()).containsSubsequence("STOR inbox/" + FtpServerPair.temp("atomic.bin"),
                "SIZE inbox/" + FtpServerPair.temp("atomic.bin"), "RNFR inbox/" + FtpServerPair.temp("atomic.bin"), "RNTO inbox/atomic.bin");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.VERIFIED_BY)).isEqualTo("size");
    }

    @Test
    void useTempFileFalseWritesTheFinalNameDirectly() throws Exception {
        servers.givenSourceFile("direct.bin", 100);

        Exchange result = servers.send(servers.uri("copy", "useTempFile=false"), "direct.bin");

        assertThat(result.getException()).isNull();
        assertThat(servers.target().commands()).contains("STOR inbox/direct.bin").noneMatch(c -> c.startsWith("RNFR"));
    }

    @Test
    void checksumVerificationUsesTheStrongestHashBothServersOffer() throws Exception {
        Path original = servers.givenSourceFile("hashed.bin", 70_000);

        Exchange result = servers.send(servers.uri("copy", "verify=checksum"), "hashed.bin");

        assertThat(result.getException()).isNull();
        // Apache FtpServer offers MD5 (and MMD5) in FEAT, no SHA.
        assertThat(result.getMessage().getHeader(Ftp3pConstants.VERIFIED_BY)).isEqualTo("MD5");
        assertThat(servers.source().commands()).contains("MD5 outbox/hashed.bin");
        assertThat(servers.target().commands()).contains("MD5 inbox/" + FtpServerPair.temp("hashed.bin"));
        assertThat(Files.mismatch(original, servers.targetFile("hashed.bin"))).isEqualTo(-1L);
    }

    @Test
    void verifyNoneSkipsTheCheckForACopy() throws Exception {
        servers.givenSourceFile("trust.bin", 100);

        Exchange result = servers.send(servers.uri("copy", "verify=none"), "trust.bin");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.VERIFIED_BY)).isEqualTo("none");
        assertThat(servers.target().commands()).doesNotContain("SIZE inbox/" + FtpServerPair.temp("trust.bin"));
    }

    @Test
    void overrideReplacesAnExistingTargetEvenWhereTheServerRefusesToRenameOntoIt() throws Exception {
        Path original = servers.givenSourceFile("report.csv", 300);
        Files.writeString(servers.targetFile("report.csv"), "old content");

        Exchange result = servers.send(servers.uri("copy", ""), "report.csv");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("report.csv"))).isEqualTo(-1L);
        // Apache FtpServer answers 553 to RNTO onto an existing file: ftp3p deletes it, then renames.
        assertThat(servers.target().commands()).containsSubsequence("RNTO inbox/report.csv", "DELE inbox/report.csv",
                "RNFR inbox/" + FtpServerPair.temp("report.csv"), "RNTO inbox/report.csv");
    }

    @Test
    void overrideDeletesTheOldTargetOnlyOnceItIsSeenUnchangedSinceBeforeTheStor() throws Exception {
        Path original = servers.givenSourceFile("ledger.csv", 300);
        Files.writeString(servers.targetFile("ledger.csv"), "old content");

        Exchange result = servers.send(servers.uri("copy", ""), "ledger.csv");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("ledger.csv"))).isEqualTo(-1L);
        String temp = "inbox/" + FtpServerPair.temp("ledger.csv");
        assertThat(servers.target().commands()).containsSubsequence("SIZE inbox/ledger.csv", "MDTM inbox/ledger.csv",
                "STOR " + temp, "RNTO inbox/ledger.csv", "SIZE inbox/ledger.csv", "MDTM inbox/ledger.csv",
                "DELE inbox/ledger.csv", "RNFR " + temp, "RNTO inbox/ledger.csv");
    }

    @Test
    void appendAddsTheSourceToTheExistingTargetWithAppe() throws Exception {
        Files.writeString(servers.sourceFile("log.txt"), "second half\n");
        Files.writeString(servers.targetFile("log.txt"), "first half\n");

        Exchange result = servers.send(servers.uri("copy", "fileExist=Append"), "log.txt");

        assertThat(result.getException()).isNull();
        assertThat(servers.targetFile("log.txt")).hasContent("first half\nsecond half\n");
        assertThat(servers.target().commands()).contains("APPE inbox/log.txt");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILE_SIZE)).isEqualTo(23L);
    }

    @Test
    void failRefusesToTouchAnExistingTarget() throws Exception {
        servers.givenSourceFile("once.txt", 10);
        Files.writeString(servers.targetFile("once.txt"), "keep me");

        Exchange result = servers.send(servers.uri("move", "fileExist=Fail"), "once.txt");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(TargetExistsException.class).hasMessageContaining("already exists");
        assertThat(servers.targetFile("once.txt")).hasContent("keep me");
        assertThat(servers.sourceFile("once.txt")).exists();
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR"));
    }

    @Test
    void ignoreSkipsTheTransferAndKeepsTheSourceOfAMove() throws Exception {
        servers.givenSourceFile("dup.txt", 10);
        Files.writeString(servers.targetFile("dup.txt"), "already here");

        Exchange result = servers.send(servers.uri("move", "fileExist=Ignore"), "dup.txt");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.SKIPPED)).isEqualTo(true);
        assertThat(servers.targetFile("dup.txt")).hasContent("already here");
        assertThat(servers.sourceFile("dup.txt")).exists();
    }

    @Test
    void moveRenamesTheExistingTargetAwayFirst() throws Exception {
        Path original = servers.givenSourceFile("daily.csv", 50);
        Files.writeString(servers.targetFile("daily.csv"), "yesterday");

        Exchange result = servers.send(servers.uri("copy", "fileExist=Move&moveExisting=old/${header.CamelFileName}.bak"),
                "daily.csv");

        assertThat(result.getException()).isNull();
        assertThat(servers.targetFile("old/daily.csv.bak")).hasContent("yesterday");
        assertThat(Files.mismatch(original, servers.targetFile("daily.csv"))).isEqualTo(-1L);
    }

    @Test
    void fileExistMoveWithoutMoveExistingIsRefusedWhenTheEndpointIsCreated() {
        assertThatThrownBy(() -> servers.camel().getEndpoint(servers.uri("copy", "fileExist=Move")))
                .hasMessageContaining("Option 'fileExist=Move' needs option 'moveExisting'");
    }

    @Test
    void tryRenameFailsWhenTheServerRefusesToRenameOntoAnExistingFileAndRemovesTheTemporaryFile() throws Exception {
        servers.givenSourceFile("busy.txt", 10);
        Files.writeString(servers.targetFile("busy.txt"), "keep me");

        Exchange result = servers.send(servers.uri("copy", "fileExist=TryRename"), "busy.txt");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getCommand().verb()).isEqualTo("RNTO");
        assertThat(failure.getCode()).isEqualTo(553);
        assertThat(servers.targetFile("busy.txt")).hasContent("keep me");
        assertThat(servers.targetFile(FtpServerPair.temp("busy.txt"))).doesNotExist();
    }

    @Test
    void moveSourceToRenamesTheSourceIntoADoneDirectoryAfterTheCopy() throws Exception {
        servers.givenSourceFile("order.xml", 20);
        Files.createDirectories(servers.sourceFile(".done"));

        Exchange result = servers.send(servers.uri("copy", "moveSourceTo=.done/${header.CamelFileName}"), "order.xml");

        assertThat(result.getException()).isNull();
        assertThat(servers.sourceFile("order.xml")).doesNotExist();
        assertThat(servers.sourceFile(".done/order.xml")).hasSize(20);
        assertThat(servers.targetFile("order.xml")).hasSize(20);
        assertThat(servers.source().commands()).containsSubsequence("RETR outbox/order.xml", "RNFR outbox/order.xml",
                "RNTO outbox/.done/order.xml");
    }

    @Test
    void autoCreateMakesTheMissingTargetDirectoriesOneLevelAtATime() throws Exception {
        servers.givenSourceFile("deep.txt", 10);

        Exchange result = servers.send(servers.uri("copy", "").replace("/inbox", "/inbox/2026/11"), "deep.txt");

        assertThat(result.getException()).isNull();
        assertThat(servers.target().home().resolve("inbox/2026/11/deep.txt")).hasSize(10);
        assertThat(servers.target().commands()).containsSubsequence("MKD inbox", "MKD inbox/2026", "MKD inbox/2026/11");
    }

    @Test
    void aNameThatClimbsOutOfTheDirectoryIsRefusedBeforeAnythingIsSent() {
        Exchange result = servers.send(servers.uri("copy", ""), "../../etc/passwd");

        assertThat(result.getException()).isInstanceOf(UnsafeArgumentException.class).hasMessageContaining("'..'");
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("SIZE") || c.startsWith("RETR"));
    }

    @Test
    void preserveLastModifiedCopiesTheSourcesModificationTime() throws Exception {
        Path original = servers.givenSourceFile("dated.txt", 10);
        Instant when = Instant.parse("2021-03-04T05:06:07Z");
        Files.setLastModifiedTime(original, FileTime.from(when));

        Exchange result = servers.send(servers.uri("copy", "preserveLastModified=true"), "dated.txt");

        assertThat(result.getException()).isNull();
        assertThat(Files.getLastModifiedTime(servers.targetFile("dated.txt")).toInstant()).isEqualTo(when);
        assertThat(servers.target().commands()).contains("MFMT 20210304050607 inbox/dated.txt");
    }

    @Test
    void aTargetThatTruncatesFailsVerificationRemovesTheCopyAndKeepsTheSource() throws Exception {
        try (ScriptedFtpServer truncating = ScriptedFtpServer.start()) {
            truncating.on("STOR", (s, name) -> {
                try (var data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT)) {
                    s.reply("150 ok");
                    byte[] all = data.getInputStream().readAllBytes();
                    s.store().put(name, java.util.Arrays.copyOf(all, all.length - 1));
                }
                s.reply("226 done");
            });
            Path original = servers.givenSourceFile("short.bin", 4096);
            String uri = "ftp3p:move?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                    + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + truncating.port()
                    + "/inbox&targetPassword=x&passiveSide=target";

            Exchange result = servers.send(uri, "short.bin");

            assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                    .hasCauseInstanceOf(VerificationException.class)
                    .hasMessageContaining("4096").hasMessageContaining("4095");
            assertThat(((Ftp3pOperationFailedException) result.getException()).getSide()).isEqualTo(Side.TARGET);
            assertThat(truncating.store()).isEmpty();
            assertThat(original).exists().hasSize(4096);
            assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("DELE"));
        }
    }

    @Test
    void aChecksumMismatchFailsRemovesTheCopyAndKeepsTheSource() throws Exception {
        try (ScriptedFtpServer lying = ScriptedFtpServer.start()) {
            lying.on("FEAT", (s, arg) -> {
                s.reply("211-Features:");
                s.reply(" MD5");
                s.reply("211 End");
            });
            lying.on("MD5", (s, name) -> s.reply("251 " + name + " 0123456789ABCDEF0123456789ABCDEF"));
            Path original = servers.givenSourceFile("sum.bin", 1000);
            String uri = "ftp3p:move?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                    + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + lying.port()
                    + "/inbox&targetPassword=x&verify=checksum";

            Exchange result = servers.send(uri, "sum.bin");

            assertThat(result.getException()).hasCauseInstanceOf(VerificationException.class)
                    .hasMessageContaining("MD5").hasMessageContaining("0123456789abcdef");
            assertThat(lying.store()).isEmpty();
            assertThat(original).exists();
        }
    }

    @Test
    void checksumFallsBackToSizeWhenTheServersShareNoHash() throws Exception {
        try (ScriptedFtpServer plain = ScriptedFtpServer.start()) {
            servers.givenSourceFile("plain.bin", 1000);
            String uri = "ftp3p:copy?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                    + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + plain.port()
                    + "/inbox&targetPassword=x&verify=checksum";

            Exchange result = servers.send(uri, "plain.bin");

            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getHeader(Ftp3pConstants.VERIFIED_BY)).isEqualTo("size");
            assertThat(plain.store().get("inbox/plain.bin")).hasSize(1000);
        }
    }
}
