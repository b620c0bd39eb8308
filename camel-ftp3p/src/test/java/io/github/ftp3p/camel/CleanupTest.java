package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ftp3p:cleanup removes what dead transfers left under the target tree, and nothing else. */
class CleanupTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private String uri(String directory, String options) {
        return "ftp3p:cleanup?target=" + servers.target().uriWithoutUser(directory) + "&targetUsername="
                + servers.target().user() + "&targetPassword=RAW(" + servers.target().password() + ")"
                + (options.isEmpty() ? "" : "&" + options);
    }

    private Exchange cleanup(String directory, String options) {
        return servers.camel().createProducerTemplate().request(uri(directory, options), e -> { });
    }

    private Path givenTargetFile(String path, Duration age) throws Exception {
        Path file = servers.targetFile(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[17]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void aCleanupWithoutASourceDeletesEveryTemporaryFileUnderTheTargetTreeAndNothingElse() throws Exception {
        givenTargetFile(".ftp3p.a.bin.1234abcd", Duration.ZERO);
        givenTargetFile("sub/.ftp3p.b.bin.deadbeef", Duration.ZERO);
        givenTargetFile("sub/deep/.ftp3p.c d.bin.0badf00d", Duration.ZERO);
        List<Path> kept = List.of(givenTargetFile("a.bin", Duration.ZERO), givenTargetFile(".ftp3p.notours", Duration.ZERO),
                givenTargetFile("sub/.ftp3p.short.abc", Duration.ZERO), givenTargetFile("sub/x.ftp3p.y.12345678", Duration.ZERO),
                givenTargetFile("sub/.ftp3p.upper.DEADBEEF", Duration.ZERO));

        Exchange result = cleanup("inbox", "");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody(List.class)).containsExactlyInAnyOrder("inbox/.ftp3p.a.bin.1234abcd",
                "inbox/sub/.ftp3p.b.bin.deadbeef", "inbox/sub/deep/.ftp3p.c d.bin.0badf00d");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.CLEANUP_DELETED, Integer.class)).isEqualTo(3);
        kept.forEach(file -> assertThat(file).exists());
        assertThat(servers.source().commands()).isEmpty();
    }

    @Test
    void aCleanupWithAMinimumAgeKeepsTheTemporaryFilesYoungerThanIt() throws Exception {
        Path old = givenTargetFile(".ftp3p.old.bin.11111111", Duration.ofHours(2));
        Path young = givenTargetFile(".ftp3p.young.bin.22222222", Duration.ofMinutes(1));

        Exchange result = cleanup("inbox", "tempFileMaxAge=3600000");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody(List.class)).containsExactly("inbox/.ftp3p.old.bin.11111111");
        assertThat(old).doesNotExist();
        assertThat(young).exists();
    }

    @Test
    void aCleanupThatIsNotRecursiveLooksOnlyInTheTargetDirectory() throws Exception {
        givenTargetFile(".ftp3p.top.bin.33333333", Duration.ZERO);
        Path below = givenTargetFile("sub/.ftp3p.below.bin.44444444", Duration.ZERO);

        Exchange result = cleanup("inbox", "recursive=false");

        assertThat(result.getMessage().getBody(List.class)).containsExactly("inbox/.ftp3p.top.bin.33333333");
        assertThat(below).exists();
    }

    @Test
    void aCleanupHonoursACustomTempPrefix() throws Exception {
        Path ours = givenTargetFile("~part~x.bin.55555555", Duration.ZERO);
        Path defaults = givenTargetFile(".ftp3p.x.bin.66666666", Duration.ZERO);

        cleanup("inbox", "tempPrefix=~part~");

        assertThat(ours).doesNotExist();
        assertThat(defaults).exists();
    }

    @Test
    void aTargetDirectoryThatIsNotThereLeavesNothingToDelete() {
        // Apache FtpServer lists a missing directory as empty (servers that answer 550 fail the cleanup instead).
        Exchange result = cleanup("nowhere", "");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody(List.class)).isEmpty();
    }

    @Test
    void aNegativeMinimumAgeIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> cleanup("inbox", "tempFileMaxAge=-1")).hasStackTraceContaining("tempFileMaxAge");
    }

    @Test
    void aCleanupWithoutTemporaryFilesIsRefusedNamingUseTempFile() {
        Exchange result = cleanup("inbox", "useTempFile=false");

        assertThat(result.getException()).hasStackTraceContaining("useTempFile");
    }
    @Test
    void twoCleanupsOfOneTreeAtOnceDeleteEachFileOnceAndNeitherFails() throws Exception {
        for (int i = 0; i < 40; i++) {
            givenTargetFile("d" + (i % 4) + "/.ftp3p.f" + i + ".bin.0000" + String.format("%04x", i), Duration.ZERO);
        }

        List<Exchange> results = Racers.race(servers.camel(), uri("inbox", ""), e -> { });

        assertThat(results).allSatisfy(result -> assertThat(result.getException()).isNull());
        List<Object> deleted = new java.util.ArrayList<>();
        results.forEach(result -> deleted.addAll(result.getMessage().getBody(List.class)));
        assertThat(deleted).hasSize(40).doesNotHaveDuplicates();
        for (int d = 0; d < 4; d++) {
            assertThat(FtpServerPair.temporaryFiles(servers.targetFile("d" + d))).isEmpty();
        }
    }

    @Test
    void aListingsNamesThatClimbOrCarrySeparatorsNeverMakeTheCleanupDeleteOutsideTheTargetDirectory() throws Exception {
        try (ScriptedFtpServer hostile = ScriptedFtpServer.start()) {
            hostile.on("LIST", (s, arg) -> listing(s, ""));
            hostile.on("NLST", (s, arg) -> listing(s, "../../etc/.ftp3p.passwd.0123abcd\r\n"
                    + "/etc/.ftp3p.shadow.0123abcd\r\n..\\..\\.ftp3p.win.0123abcd\r\n"));
            String uri = "ftp3p:cleanup?target=ftp://bob@127.0.0.1:" + hostile.port() + "/inbox&targetPassword=x"
                    + "&replyTimeout=5000";

            servers.camel().createProducerTemplate().request(uri, e -> { });

            // The last segment of each name is all that is kept: the two temporary names are deleted in inbox.
            assertThat(hostile.commands()).filteredOn(c -> c.startsWith("DELE")).hasSize(2).allSatisfy(c -> {
                assertThat(c).startsWith("DELE inbox/").doesNotContain("..").doesNotContain("etc");
                assertThat(c.substring("DELE inbox/".length())).doesNotContain("/").doesNotContain("\\");
            });
        }
    }

    @Test
    void aTargetThatStopsAnsweringMidListingFailsTheCleanupWithinTheReplyTimeout() throws Exception {
        try (ScriptedFtpServer silent = ScriptedFtpServer.start()) {
            silent.on("LIST", ScriptedFtpServer.LISTING_THAT_STOPS);
            String uri = "ftp3p:cleanup?target=ftp://bob@127.0.0.1:" + silent.port() + "/inbox&targetPassword=x"
                    + "&replyTimeout=2000";

            Exchange result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> servers.camel().createProducerTemplate().request(uri, e -> { }));

            assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        }
    }

    private static void listing(ScriptedFtpServer.Session s, String lines) throws java.io.IOException {
        s.reply("150 listing");
        try (Socket data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT); OutputStream out = data.getOutputStream()) {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        s.reply("226 done");
    }
}
