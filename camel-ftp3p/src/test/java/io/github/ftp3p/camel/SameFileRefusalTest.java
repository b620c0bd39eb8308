package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.ftp3p.protocol.SameFileException;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One embedded FtpServer as both source and target, its home the server's root, so that /outbox and outbox are
 * one directory. Before the refusal, each of these exchanges destroyed the file (issue 11).
 */
class SameFileRefusalTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private EmbeddedFtpServer server;
    private Path file;
    private byte[] original;

    @BeforeEach
    void givenOneFile() throws Exception {
        server = servers.source();
        file = servers.givenSourceFile("a.txt", 5000);
        original = Files.readAllBytes(file);
    }

    @Test
    void aMoveOntoItselfSpelledLocalhostAnd127001IsRefused() throws Exception {
        Exchange result = servers.send(uri("move", "localhost", "outbox", "127.0.0.1", "outbox", ""), "a.txt");

        assertRefusedAndIntact(result);
    }

    @Test
    void aCopyOntoItselfWithoutTemporaryFileIsRefused() throws Exception {
        Exchange result = servers.send(uri("copy", "127.0.0.1", "outbox", "127.0.0.2", "outbox", "useTempFile=false"),
                "a.txt");

        assertRefusedAndIntact(result);
    }

    @Test
    void anAppendOntoItselfWithAnAbsoluteAndARelativeDirectoryIsRefused() throws Exception {
        Exchange result = servers.send(uri("copy", "127.0.0.1", "/outbox", "127.0.0.1", "outbox", "fileExist=Append"),
                "a.txt");

        assertRefusedAndIntact(result);
    }

    @Test
    void aMoveOntoItselfThroughTheTargetFileNameOptionIsRefused() throws Exception {
        Exchange result = servers.send(uri("move", "127.0.0.1", "outbox", "localhost", "",
                "targetFileName=outbox/${header.CamelFileName}"), "a.txt");

        assertRefusedAndIntact(result);
    }

    @Test
    void aMoveOntoItselfThroughTheTargetFileNameHeaderIsRefused() throws Exception {
        Exchange result = servers.camel().createProducerTemplate().request(
                uri("move", "127.0.0.1", "outbox", "127.0.0.1", "", ""), e -> {
                    e.getMessage().setHeader(Exchange.FILE_NAME, "a.txt");
                    e.getMessage().setHeader(Ftp3pConstants.TARGET_FILE_NAME, "outbox/./a.txt");
                });

        assertRefusedAndIntact(result);
    }

    @Test
    void aBatchMovedOntoItselfIsRefusedBeforeItsFirstFile() throws Exception {
        Path other = servers.givenSourceFile("b.txt", 300);
        byte[] otherBytes = Files.readAllBytes(other);

        Exchange result = servers.camel().createProducerTemplate().request(
                uri("move", "localhost", "outbox", "127.0.0.1", "/outbox", ""),
                e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, List.of("b.txt", "a.txt")));

        assertRefusedAndIntact(result);
        assertThat(Files.readAllBytes(other)).isEqualTo(otherBytes);
    }

    @Test
    void aCopyToAnotherDirectoryOfTheSameServerStillWorks() throws Exception {
        Exchange result = servers.send(uri("copy", "localhost", "outbox", "127.0.0.1", "/copies", ""), "a.txt");

        assertThat(result.getException()).isNull();
        assertThat(Files.readAllBytes(server.home().resolve("copies/a.txt"))).isEqualTo(original);
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    /** Both sides on {@link #server}, each host and directory spelled as given. */
    private String uri(String operation, String sourceHost, String sourceDirectory, String targetHost,
            String targetDirectory, String options) {
        String login = "ftp://" + server.user() + "@";
        return "ftp3p:" + operation + "?source=" + login + sourceHost + ":" + server.port() + "/" + sourceDirectory
                + "&sourcePassword=RAW(" + server.password() + ")&target=" + login + targetHost + ":" + server.port()
                + "/" + targetDirectory + "&targetPassword=RAW(" + server.password() + ")"
                + (options.isEmpty() ? "" : "&" + options);
    }

    private void assertRefusedAndIntact(Exchange result) throws Exception {
        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(SameFileException.class).hasMessageContaining("may be the same file");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        assertThat(server.commands()).isEmpty();
    }
}
