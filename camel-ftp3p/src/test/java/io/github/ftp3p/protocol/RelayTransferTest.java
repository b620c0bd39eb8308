package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import io.github.ftp3p.testing.CountingSocketFactory;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay (fallback=relay) between two Apache FtpServers over FTPS, driven directly so that each step of a
 * data connection can be made to fail. Every socket this host makes, control and data, comes from one factory
 * that counts the open ones: once the control connections are closed, none may remain.
 */
class RelayTransferTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final TransferOptions OPTIONS = new TransferOptions(ExtendedMode.NEVER, AddressPolicy.PEER, Duration.ZERO);

    @TempDir
    Path work;
    private TestCertificates certificates;
    private SSLContext trustingTheTestCa;
    private final Sockets sockets = new Sockets();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private EmbeddedFtpServer source;
    private EmbeddedFtpServer target;

    @BeforeEach
    void certificates() throws Exception {
        certificates = TestCertificates.create(work.resolve("pki"));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certificates.trustStore())) {
            trusted.load(in, certificates.storePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        trustingTheTestCa = SSLContext.getInstance("TLS");
        trustingTheTestCa.init(null, trust.getTrustManagers(), null);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
    }

    private EmbeddedFtpServer server(String name) {
        return started(EmbeddedFtpServer.startTls(name, work.resolve(name), certificates));
    }

    private <T extends AutoCloseable> T started(T resource) {
        opened.add(resource);
        return resource;
    }

    private ControlConnection connect(Side side, EmbeddedFtpServer server, boolean privateData) {
        FtpServerAddress address = new FtpServerAddress(server.host(), server.port(), server.user(), server.password(), "");
        return started(ControlConnection.open(side, address, new ConnectionSettings(TIMEOUT, TIMEOUT, sockets),
                new TlsSettings(trustingTheTestCa, false, privateData)));
    }

    private TransferOutcome relay(EmbeddedFtpServer from, EmbeddedFtpServer to, boolean privateData, long restartAt) {
        ControlConnection source = connect(Side.SOURCE, from, privateData);
        ControlConnection target = connect(Side.TARGET, to, privateData);
        TlsSettings tls = new TlsSettings(trustingTheTestCa, false, privateData);
        return relay(source, target, tls, restartAt);
    }

    private TransferOutcome relay(ControlConnection source, ControlConnection target, TlsSettings tls, long restartAt) {
        TransferOutcome outcome = new RelayTransfer(source, target, OPTIONS, sockets, TIMEOUT, tls, tls)
                .run("f.bin", FtpCommand.of("STOR", "f.bin"), restartAt);
        source.abandon();
        target.abandon();
        return outcome;
    }

    @Test
    void aDataConnectionWhoseCertificateIsTrustedButIssuedForAnotherHostIsRefused() throws Exception {
        source = started(EmbeddedFtpServer.startTls("source", work.resolve("source"), certificates,
                certificates.keyStoreIssuedFor("elsewhere.invalid")));
        target = server("target");
        Files.write(source.home().resolve("f.bin"), new byte[] { 1, 2, 3 });

        TransferOutcome outcome = relay(source, target, true, 0);

        assertThat(outcome.failure()).isInstanceOf(FtpConnectionException.class)
                .hasMessageContaining("TLS on the data connection to 127.0.0.1 failed")
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.failure().side()).isEqualTo(Side.SOURCE);
        assertThat(outcome.failure().getCause()).hasMessageContaining("127.0.0.1");
        assertThat(target.home().resolve("f.bin")).doesNotExist();
        assertThat(sockets.openSockets()).isZero();
    }

    @Test
    void aServerThatDropsTheConnectionAtRestLeavesNoDataSocketOpen() throws Exception {
        startPairWithAFile();
        source.disconnectAt("REST");

        TransferOutcome outcome = relay(source, target, true, 100);

        assertFailedLeavingNoSocketOpen(outcome, "REST", "connection lost");
    }

    @Test
    void aTransferCommandThatCannotBeSentLeavesNoDataSocketOpen() throws Exception {
        startPairWithAFile();
        ControlConnection sourceConnection = connect(Side.SOURCE, source, true);
        ControlConnection targetConnection = connect(Side.TARGET, target, true);
        // What the stall monitor does from its own thread: the control connection is closed under the relay,
        // here just as the data connection is up, so that RETR can no longer be sent.
        sockets.onNextConnect(sourceConnection::abandon);

        TransferOutcome outcome = relay(sourceConnection, targetConnection, new TlsSettings(trustingTheTestCa, false, true), 0);

        assertFailedLeavingNoSocketOpen(outcome, "RETR", "cannot send");
    }

    @Test
    void aServerThatDropsTheConnectionInsteadOfAnsweringTheTransferCommandLeavesNoDataSocketOpen() throws Exception {
        startPairWithAFile();
        source.disconnectAt("RETR");

        // Clear data (PROT C) under TLS control connections: with PROT P the TLS handshake on the data connection
        // would be the step that fails, before the reply is awaited.
        TransferOutcome outcome = relay(source, target, false, 0);

        assertFailedLeavingNoSocketOpen(outcome, "RETR", "connection lost");
    }

    private void startPairWithAFile() throws IOException {
        source = server("source");
        target = server("target");
        Files.write(source.home().resolve("f.bin"), new byte[1000]);
    }

    private void assertFailedLeavingNoSocketOpen(TransferOutcome outcome, String verb, String reason) {
        assertThat(outcome.failure()).isInstanceOf(FtpConnectionException.class).hasMessageContaining(reason);
        assertThat(outcome.failure().command().verb()).isEqualTo(verb);
        assertThat(sockets.openSockets()).isZero();
    }

    /** Counts open sockets, and can run an action once the next socket has connected (here, a data socket). */
    private static final class Sockets extends CountingSocketFactory {

        private volatile Runnable onNextConnect;

        void onNextConnect(Runnable action) {
            onNextConnect = action;
        }

        @Override
        protected void connected(Socket socket) {
            Runnable action = onNextConnect;
            onNextConnect = null;
            if (action != null) {
                action.run();
            }
        }
    }
}
