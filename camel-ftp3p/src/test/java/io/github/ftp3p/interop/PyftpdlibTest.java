package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pyftpdlib 1.5.7's two quirks that broke ftp3p: it answers PORT and RETR written together out of order
 * ({@code 150}, then {@code 200}), and as the active receiver it connects at PORT and drops the data connection
 * when bytes arrive before its STOR.
 */
class PyftpdlibTest {

    @RegisterExtension
    final InteropWork work = new InteropWork();

    private Peer source;
    private Peer target;

    private Peer pyftpdlib(String role) {
        return work.track(Peer.required(RealFtpServer.PYFTPDLIB, work.resolve("pyftpdlib-" + role),
                RealFtpServer.Options.defaults()));
    }

    private String uri(String operation, String options) {
        return "ftp3p:" + operation + "?" + source.options("source") + "&" + target.options("target")
                + "&replyTimeout=10000" + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void aBatchFromPyftpdlibStopsAtTheFirstReplyOutOfOrderAndMovesEveryFileUnpipelined() throws Exception {
        source = pyftpdlib("source");
        target = work.track(Peer.embedded(work.resolve("ftpserver-target"), false));
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "b" + i + ".bin";
            FtpServerPair.writeRandom(source.home().resolve(name), 50_000 + i, 20 + i);
            names.add(name);
            contents.add(Files.readAllBytes(source.home().resolve(name)));
        }

        Exchange result = work.camel().createProducerTemplate().request(uri("move", ""),
                e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names));

        assertThat(result.getException()).isNull();
        for (int i = 0; i < names.size(); i++) {
            assertThat(target.home().resolve(names.get(i))).hasBinaryContent(contents.get(i));
            assertThat(source.home().resolve(names.get(i))).doesNotExist();
        }
        assertThat(FtpServerPair.temporaryFiles(target.home())).isEmpty();
    }

    @Test
    void aSecondBatchFromTheSameEndpointIsNotPipelinedToPyftpdlibAgain() throws Exception {
        source = pyftpdlib("source");
        target = work.track(Peer.embedded(work.resolve("ftpserver-target"), false));
        for (String name : List.of("a1", "a2", "a3", "c1", "c2", "c3")) {
            FtpServerPair.writeRandom(source.home().resolve(name), 10_000, name.hashCode());
        }
        String uri = uri("copy", "");

        work.camel().createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES,
                List.of("a1", "a2", "a3")));
        Exchange second = work.camel().createProducerTemplate().request(uri, e -> e.getMessage()
                .setHeader(Ftp3pConstants.FILE_NAMES, List.of("c1", "c2", "c3")));

        assertThat(second.getException()).isNull();
        // Pipelined, the target would get the next file's PASV right after a STOR (queued behind it); one file at a
        // time, it gets that file's SIZE once the STOR ended.
        List<String> commands = ((EmbeddedFtpServer) target.process()).commands();
        for (String name : List.of("c2", "c3")) {
            int stor = indexOf(commands, c -> c.startsWith("STOR ") && c.contains(name));
            assertThat(commands.get(stor + 1)).as("after %s", commands.get(stor))
                    .isEqualTo("SIZE " + commands.get(stor).substring("STOR ".length()));
        }
        for (String name : List.of("c1", "c2", "c3")) {
            assertThat(target.home().resolve(name)).hasSameBinaryContentAs(source.home().resolve(name));
        }
    }

    private static int indexOf(List<String> commands, java.util.function.Predicate<String> match) {
        for (int i = 0; i < commands.size(); i++) {
            if (match.test(commands.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such command in " + commands);
    }

    /** Sending RETR to the passive source before STOR to pyftpdlib failed 13 of 15 such copies (426, or a stall). */
    @Test
    void copiesIntoAnActivePyftpdlibTargetWithTheSourcePassiveAllSucceed() throws Exception {
        source = work.track(Peer.embedded(work.resolve("ftpserver-source"), false));
        target = pyftpdlib("target");
        String uri = uri("copy", "passiveSide=source");
        for (int i = 0; i < 15; i++) {
            String name = "s" + i + ".bin";
            Path original = source.home().resolve(name);
            FtpServerPair.writeRandom(original, 2_000_000, 40 + i);

            Exchange result = work.camel().createProducerTemplate().request(uri,
                    e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));

            assertThat(result.getException()).as("copy %d", i).isNull();
            assertThat(Files.mismatch(original, target.home().resolve(name))).as("copy %d", i).isEqualTo(-1L);
        }
    }
}
