package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ftp3pCopyTest {

    private static final long MiB = 1024 * 1024;

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @ParameterizedTest(name = "{0} bytes, {1} passive, epsv={2}")
    @CsvSource({
            "0, target, never", "1, target, never", "10485760, target, never",
            "0, source, never", "1, source, never", "10485760, source, never",
            "0, target, always", "1, target, always", "10485760, target, always",
            "0, source, always", "1, source, always", "10485760, source, always" })
    void copiesTheFileByteForByteInEveryOrientationAndAddressForm(long size, String passive, String epsv) throws Exception {
        Path original = servers.givenSourceFile("data.bin", size);

        Exchange result = servers.send(servers.uri("copy", "passiveSide=" + passive + "&epsv=" + epsv), "data.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("data.bin"))).isEqualTo(-1L);
        assertThat(original).exists();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILE_SIZE)).isEqualTo(size);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.PASSIVE_SIDE)).isEqualTo(passive);
        String passiveCommand = "always".equals(epsv) ? "EPSV" : "PASV";
        String activeCommand = "always".equals(epsv) ? "EPRT" : "PORT";
        List<String> passiveSeen = ("target".equals(passive) ? servers.target() : servers.source()).commands();
        List<String> activeSeen = ("target".equals(passive) ? servers.source() : servers.target()).commands();
        assertThat(passiveSeen).contains(passiveCommand).noneMatch(c -> c.startsWith(activeCommand));
        assertThat(activeSeen).anyMatch(c -> c.startsWith(activeCommand + " ")).doesNotContain(passiveCommand);
    }

    @Test
    void pipelinedCommandsGoOutInOneWriteAndAreAnsweredInOrder() throws Exception {
        Path original = servers.givenSourceFile("piped.bin", 5000);

        Exchange result = servers.send(servers.uri("copy", ""), "piped.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("piped.bin"))).isEqualTo(-1L);
        assertThat(servers.source().commands()).containsSubsequence("SIZE outbox/piped.bin", "RETR outbox/piped.bin");
        assertThat(servers.target().commands()).containsSubsequence("PASV", "STOR inbox/" + FtpServerPair.temp("piped.bin"),
                "RNFR inbox/" + FtpServerPair.temp("piped.bin"), "RNTO inbox/piped.bin");
    }

    @Test
    void withoutPipeliningEveryCommandWaitsForThePreviousReplyAndTheCopyStillWorks() throws Exception {
        Path original = servers.givenSourceFile("safe.bin", 5000);

        Exchange result = servers.send(servers.uri("copy", "pipelining=false"), "safe.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("safe.bin"))).isEqualTo(-1L);
        List<String> commands = servers.source().commands();
        assertThat(commands.indexOf("SIZE outbox/safe.bin")).isLessThan(commands.indexOf("RETR outbox/safe.bin"));
        assertThat(servers.target().commands()).containsSubsequence("RNFR inbox/" + FtpServerPair.temp("safe.bin"), "RNTO inbox/safe.bin");
    }

    @Test
    void copiesA256MiBFileByteForByte() throws Exception {
        Path original = servers.givenSourceFile("big.bin", 256 * MiB);

        Exchange result = servers.send(servers.uri("copy", ""), "big.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("big.bin"))).isEqualTo(-1L);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILE_SIZE)).isEqualTo(256 * MiB);
    }

    @Test
    void acceptsTheDocumentedUriFormWithUsernamesInTheUris() throws Exception {
        Path original = servers.givenSourceFile("report.csv", 1000);
        String uri = "ftp3p:copy?source=ftp://" + servers.source().user() + "@127.0.0.1:" + servers.source().port()
                + "/outbox&sourcePassword=RAW(" + servers.source().password() + ")&target=ftp://" + servers.target().user()
                + "@127.0.0.1:" + servers.target().port() + "/inbox&targetPassword=RAW(" + servers.target().password() + ")";

        Exchange result = servers.send(uri, "report.csv");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("report.csv"))).isEqualTo(-1L);
    }

    @Test
    void writesUnderTheTargetFileNameHeaderAndReportsThePathProduced() throws Exception {
        Path original = servers.givenSourceFile("a.txt", 10);

        Exchange result = servers.camel().createProducerTemplate().request(servers.uri("copy", ""), e -> {
            e.getMessage().setHeader(Exchange.FILE_NAME, "a.txt");
            e.getMessage().setHeader(Ftp3pConstants.TARGET_FILE_NAME, "b.txt");
        });

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("b.txt"))).isEqualTo(-1L);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILE_NAME_PRODUCED)).isEqualTo("inbox/b.txt");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.TARGET_REPLY, String.class)).startsWith("226");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.SOURCE_REPLY, String.class)).startsWith("226");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.DURATION, Long.class)).isNotNegative();
    }

    @Test
    void takesTheFileNamesFromTheFileNameAndTargetFileNameExpressions() throws Exception {
        Path original = servers.givenSourceFile("order-42.xml", 10);

        Exchange result = servers.camel().createProducerTemplate().request(
                servers.uri("copy", "fileName=order-${header.orderId}.xml&targetFileName=received-${header.orderId}.xml"),
                e -> e.getMessage().setHeader("orderId", 42));

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("received-42.xml"))).isEqualTo(-1L);
    }

    @Test
    void copiesFromARouteWhoseEndpointUsesTheJavaDsl() throws Exception {
        Path original = servers.givenSourceFile("route.bin", 4096);
        servers.camel().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:transfer").to(servers.uri("copy", ""));
            }
        });

        servers.camel().createProducerTemplate().sendBodyAndHeader("direct:transfer", null, Exchange.FILE_NAME, "route.bin");

        assertThat(Files.mismatch(original, servers.targetFile("route.bin"))).isEqualTo(-1L);
    }
}
