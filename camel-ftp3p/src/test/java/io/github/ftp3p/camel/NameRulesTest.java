package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.github.ftp3p.protocol.UnsafeArgumentException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The names an exchange or an option gives, refused before any command when they could leave the endpoint's
 * directories. Apache FtpServer takes a backslash for a separator: each climb below reached the file above the
 * directory before these rules (issue 11).
 */
class NameRulesTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private Path secret;
    private Path config;

    @BeforeEach
    void givenFilesAboveBothDirectories() throws Exception {
        secret = servers.source().home().resolve("secret.txt");
        Files.writeString(secret, "source secret");
        config = servers.target().home().resolve("config.txt");
        Files.writeString(config, "target config");
        servers.givenSourceFile("a.txt", 100);
    }

    @Test
    void aBackslashClimbInCamelFileNameIsRefusedAndTheFileAboveIsKept() throws Exception {
        Exchange result = servers.send(servers.uri("move", ""), "..\\secret.txt");

        assertRefusedBeforeAnyCommand(result, "header CamelFileName");
        assertThat(Files.readString(secret)).isEqualTo("source secret");
        assertThat(servers.target().home().resolve("secret.txt")).doesNotExist();
    }

    @Test
    void aBackslashClimbInTheTargetFileNameHeaderIsRefusedAndTheFileAboveIsKept() throws Exception {
        Exchange result = send(servers.uri("copy", ""), Ftp3pConstants.TARGET_FILE_NAME, "..\\config.txt");

        assertRefusedBeforeAnyCommand(result, "header " + Ftp3pConstants.TARGET_FILE_NAME);
        assertThat(Files.readString(config)).isEqualTo("target config");
    }

    @Test
    void aBackslashClimbInTheTargetFileNameOptionIsRefusedAndTheFileAboveIsKept() throws Exception {
        Exchange result = servers.send(servers.uri("copy", "targetFileName=RAW(..\\config.txt)"), "a.txt");

        assertRefusedBeforeAnyCommand(result, "option targetFileName");
        assertThat(Files.readString(config)).isEqualTo("target config");
    }

    @Test
    void aBackslashClimbInMoveSourceToIsRefusedAndTheSourceIsKept() throws Exception {
        Exchange result = servers.send(servers.uri("copy", "moveSourceTo=RAW(..\\secret.txt)"), "a.txt");

        assertRefusedBeforeAnyCommand(result, "option moveSourceTo");
        assertThat(servers.sourceFile("a.txt")).exists();
        assertThat(Files.readString(secret)).isEqualTo("source secret");
    }

    @Test
    void aBackslashClimbInABatchIsRefusedBeforeTheFirstFileIsSent() throws Exception {
        Exchange result = send(servers.uri("move", ""), Ftp3pConstants.FILE_NAMES, List.of("a.txt", "..\\secret.txt"));

        assertRefusedBeforeAnyCommand(result, "header " + Ftp3pConstants.FILE_NAMES + ", name 2");
        assertThat(Files.readString(secret)).isEqualTo("source secret");
        assertThat(servers.sourceFile("a.txt")).exists();
    }

    @Test
    void aNameThatStartsAtTheRootIsRefused() throws Exception {
        Exchange result = servers.send(servers.uri("move", ""), "/secret.txt");

        assertRefusedBeforeAnyCommand(result, "must be relative to the endpoint's directory");
        assertThat(Files.readString(secret)).isEqualTo("source secret");
    }

    @Test
    void aControlCharacterInANameIsRefused() {
        Exchange result = servers.send(servers.uri("copy", ""), "a\u001b[2J.txt");

        assertRefusedBeforeAnyCommand(result, "control character U+001B");
    }

    @Test
    void aNullNameInABatchIsRefusedWithItsPosition() {
        Exchange result = send(servers.uri("copy", ""), Ftp3pConstants.FILE_NAMES, Arrays.asList("a.txt", null));

        assertRefusedBeforeAnyCommand(result, "header " + Ftp3pConstants.FILE_NAMES + ", name 2 is null");
        assertThat(servers.targetFile("null")).doesNotExist();
    }

    @Test
    void theSameFileTwiceInABatchIsRefusedWithBothPositions() {
        Exchange result = send(servers.uri("move", ""), Ftp3pConstants.FILE_NAMES, List.of("a.txt", "b.txt", "./a.txt"));

        assertRefusedBeforeAnyCommand(result, "name 3 './a.txt' is the file of name 1 again");
        assertThat(servers.sourceFile("a.txt")).exists();
    }

    @Test
    void anEmptyBatchIsRefused() {
        Exchange result = send(servers.uri("copy", ""), Ftp3pConstants.FILE_NAMES, List.of());

        assertRefusedBeforeAnyCommand(result, "header " + Ftp3pConstants.FILE_NAMES + " lists no file");
    }

    private Exchange send(String uri, String header, Object value) {
        return servers.camel().createProducerTemplate().request(uri, e -> {
            e.getMessage().setHeader(Exchange.FILE_NAME, "a.txt");
            e.getMessage().setHeader(header, value);
        });
    }

    private void assertRefusedBeforeAnyCommand(Exchange result, String message) {
        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(servers.source().commands()).isEmpty();
        assertThat(servers.target().commands()).isEmpty();
    }
}
