package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.Ftp3pOperationFailedException;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.protocol.DataProtectionException;
import io.github.ftp3p.protocol.FtpConnectionException;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.testing.RealFtpServer;
import io.github.ftp3p.testing.ScriptedFtpServer;
import io.github.ftp3p.testing.TestCertificates;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FTPS: TLS on both control connections, and TLS on the data connection between the two servers (secure
 * FXP), against two ProFTPD with mod_tls (SSCN), and Apache FtpServer with AUTH TLS but no SSCN.
 */
class FtpsTest {

    private Path work;
    private TestCertificates certificates;
    private CamelContext camel;
    private final java.util.List<AutoCloseable> started = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        work = Files.createTempDirectory("ftp3p-ftps");
        certificates = TestCertificates.create(work.resolve("pki"));
        camel = new DefaultCamelContext();
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + certificates.trustStore());
        trustStore.setPassword(certificates.storePassword());
        trustStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        camel.getRegistry().bind("testCa", tls);
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        for (AutoCloseable server : started) {
            server.close();
        }
        FtpServerPair.deleteTree(work);
    }

    private Peer proftpdTls(String role) {
        Peer peer = Peer.required(RealFtpServer.PROFTPD, work.resolve(role),
                RealFtpServer.Options.defaults().withTls(certificates));
        started.add(peer);
        return peer;
    }

    private Peer ftpServerTls(String role) {
        EmbeddedFtpServer server = EmbeddedFtpServer.startTls(role, work.resolve(role), certificates);
        started.add(server);
        return new Peer(Peer.FTPSERVER, server.host(), server.port(), server.user(), server.password(), "", server.home(), server);
    }

    private static String ftps(Peer peer, String side) {
        return peer.options(side).replace(side + "=ftp://", side + "=ftps://");
    }

    private Exchange copy(Peer source, Peer target, String name, String options) {
        String uri = "ftp3p:copy?" + ftps(source, "source") + "&" + ftps(target, "target") + "&sslContextParameters=#testCa"
                + "&replyTimeout=10000" + (options.isEmpty() ? "" : "&" + options);
        return camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
    }

    @Test
    void privateDataBetweenTwoProftpdsGoesInTlsWithSscnOnTheReceivingSide() throws Exception {
        Peer source = proftpdTls("source");
        Peer target = proftpdTls("target");
        for (int i = 0; i < 5; i++) {
            Path original = source.home().resolve("secret-" + i + ".bin");
            FtpServerPair.writeRandom(original, 2_000_000, i);

            Exchange result = copy(source, target, "secret-" + i + ".bin", "");

            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getHeader(Ftp3pConstants.MODE)).isEqualTo("fxp");
            assertThat(Files.mismatch(original, target.home().resolve("secret-" + i + ".bin"))).isEqualTo(-1L);
        }
        // mod_tls logs each data connection it secures; after SSCN ON the target is the TLS client ("connection
        // created"), five times, while the source logged none as client.
        String targetLog = Files.readString(work.resolve("target").resolve("tls.log"));
        assertThat(targetLog.split("making TLS connection for data connection", -1)).hasSize(6);
        assertThat(targetLog).contains("Protection set to Private");
        String sourceLog = Files.readString(work.resolve("source").resolve("tls.log"));
        assertThat(sourceLog).doesNotContain("making TLS connection for data connection");
    }

    @Test
    void withoutSscnAServerOfferingCpsvIsMadeThePassiveTlsClient() throws Exception {
        // No server here offers CPSV (glFTPd does): two scripted servers play the command flow over real TLS
        // control connections; their data connection stays plain.
        SSLContext serverTls = serverContext();
        try (ScriptedFtpServer source = ScriptedFtpServer.start().tls(serverTls);
             ScriptedFtpServer target = ScriptedFtpServer.start().tls(serverTls)) {
            source.put("f.bin", new byte[] { 1, 2, 3, 4, 5 });
            target.on("FEAT", (s, arg) -> {
                s.reply("211-Features:");
                s.reply(" CPSV");
                s.reply("211 End");
            });
            String uri = "ftp3p:copy?source=ftps://bob@127.0.0.1:" + source.port() + "/&sourcePassword=x&target=ftps://bob@127.0.0.1:"
                    + target.port() + "/&targetPassword=x&sslContextParameters=#testCa";

            Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, "f.bin"));

            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getHeader(Ftp3pConstants.PASSIVE_SIDE)).isEqualTo("target");
            assertThat(target.commands()).containsSubsequence("AUTH TLS", "PBSZ 0", "PROT P", "CPSV")
                    .anyMatch(c -> c.startsWith("STOR .ftp3p.f.bin.")).doesNotContain("PASV");
            assertThat(source.commands()).containsSubsequence("AUTH TLS", "PROT P").noneMatch(c -> c.startsWith("SSCN"));
            assertThat(target.store().get("f.bin")).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void withSscnOnlyOnTheSendingSideTheSourceBecomesTheTlsClient() throws Exception {
        SSLContext serverTls = serverContext();
        try (ScriptedFtpServer source = ScriptedFtpServer.start().tls(serverTls);
             ScriptedFtpServer target = ScriptedFtpServer.start().tls(serverTls)) {
            source.put("f.bin", new byte[] { 9, 8, 7 });
            source.on("FEAT", (s, arg) -> {
                s.reply("211-Features:");
                s.reply(" SSCN");
                s.reply("211 End");
            });
            source.on("SSCN", (s, arg) -> s.reply("200 SSCN:CLIENT METHOD"));
            String uri = "ftp3p:copy?source=ftps://bob@127.0.0.1:" + source.port() + "/&sourcePassword=x&target=ftps://bob@127.0.0.1:"
                    + target.port() + "/&targetPassword=x&sslContextParameters=#testCa";

            Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, "f.bin"));

            assertThat(result.getException()).isNull();
            assertThat(source.commands()).containsSubsequence("PROT P", "SSCN ON");
            assertThat(target.commands()).noneMatch(c -> c.startsWith("SSCN"));
            assertThat(target.store().get("f.bin")).containsExactly(9, 8, 7);
        }
    }

    private SSLContext serverContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certificates.serverKeyStore())) {
            keys.load(in, certificates.storePassword().toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, certificates.storePassword().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void clearDataKeepsTheControlConnectionsInTls() throws Exception {
        Peer source = ftpServerTls("source");
        Peer target = ftpServerTls("target");
        Path original = source.home().resolve("open.bin");
        FtpServerPair.writeRandom(original, 500_000, 7);

        Exchange result = copy(source, target, "open.bin", "dataProtection=clear");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, target.home().resolve("open.bin"))).isEqualTo(-1L);
    }

    @Test
    void privateDataBetweenServersWithoutSscnFailsNamingBothServersAndTheOption() throws Exception {
        Peer source = ftpServerTls("source");
        Peer target = ftpServerTls("target");
        FtpServerPair.writeRandom(source.home().resolve("x.bin"), 1000, 8);

        Exchange result = copy(source, target, "x.bin", "");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(DataProtectionException.class)
                .hasMessageContaining("SSCN").hasMessageContaining("CPSV").hasMessageContaining("dataProtection=clear")
                .hasMessageContaining(source.user() + "@").hasMessageContaining(target.user() + "@");
        assertThat(target.home().resolve("x.bin")).doesNotExist();
    }

    @Test
    void anUntrustedServerCertificateFailsTheTlsHandshakeClearly() throws Exception {
        Peer source = ftpServerTls("source");
        Peer target = ftpServerTls("target");
        FtpServerPair.writeRandom(source.home().resolve("x.bin"), 1000, 9);
        String uri = "ftp3p:copy?" + ftps(source, "source") + "&" + ftps(target, "target") + "&dataProtection=clear";

        Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, "x.bin"));

        assertThat(result.getException()).hasCauseInstanceOf(FtpConnectionException.class)
                .hasMessageContaining("TLS handshake failed").hasMessageContaining("trusted");
    }

    @Test
    void privateDataWithFtpsOnOnlyOneSideIsRefused() throws Exception {
        Peer source = ftpServerTls("source");
        EmbeddedFtpServer plain = EmbeddedFtpServer.start("plain", work.resolve("plain"));
        started.add(plain);
        FtpServerPair.writeRandom(source.home().resolve("x.bin"), 1000, 10);
        String uri = "ftp3p:copy?" + ftps(source, "source") + "&target=" + plain.uri("") + "&targetPassword=RAW("
                + plain.password() + ")&sslContextParameters=#testCa";

        Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, "x.bin"));

        assertThat(result.getException()).hasCauseInstanceOf(DataProtectionException.class)
                .hasMessageContaining("FTPS on both servers").hasMessageContaining("dataProtection=clear");
    }
}
