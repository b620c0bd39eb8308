package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Apache FtpServers with their IP checks on, reached from 127.0.0.2: each refuses PORT to the other
 * (501) and a data connection from the other (425), so FXP fails both ways.
 */
class RelayFallbackTest {

    @TempDir
    Path root;
    private EmbeddedFtpServer source;
    private EmbeddedFtpServer target;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        source = EmbeddedFtpServer.start("source", root.resolve("source"), true);
        target = EmbeddedFtpServer.start("target", root.resolve("target"), true);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("from127002", new BoundSocketFactory("127.0.0.2"));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        source.close();
        target.close();
    }

    private String uri(String options) {
        return "ftp3p:copy?source=" + source.uri("") + "&sourcePassword=RAW(" + source.password() + ")&target="
                + target.uri("") + "&targetPassword=RAW(" + target.password() + ")&socketFactory=#from127002"
                + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void withoutFallbackAPairThatRefusesFxpBothWaysFailsNamingTheRefusal() throws Exception {
        FtpServerPair.writeRandom(source.home().resolve("f.bin"), 1000, 1);

        Exchange result = camel.createProducerTemplate().request(uri(""), e -> e.getMessage().setHeader(Exchange.FILE_NAME, "f.bin"));

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure).isNotNull();
        assertThat(failure.getCommand().verb()).isEqualTo("PORT");
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(target.home().resolve("f.bin")).doesNotExist();
    }

    @Test
    void withFallbackRelayThePairGetsAnIdenticalCopyThroughTheHost() throws Exception {
        Path original = source.home().resolve("f.bin");
        FtpServerPair.writeRandom(original, 3_000_000, 2);

        Exchange result = camel.createProducerTemplate().request(uri("fallback=relay"),
                e -> e.getMessage().setHeader(Exchange.FILE_NAME, "f.bin"));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.MODE)).isEqualTo("relay");
        assertThat(Files.mismatch(original, target.home().resolve("f.bin"))).isEqualTo(-1L);
        assertThat(FtpServerPair.temporaryFiles(target.home())).isEmpty();
    }

    @Test
    void theRelayKeepsTheHeapFlatForAFileManyTimesLargerThanTheHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                RelayHeapMain.class.getName(), root.toString(), Long.toString(160L * 1024 * 1024)))
                .redirectErrorStream(true).start();
        String output;
        try (var in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("relay identical 167772160 bytes, heap limit [1-3][0-9] MiB");
        assertThat(new File(root.toFile(), "target/big.bin")).hasSize(160L * 1024 * 1024);
    }
}
