package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import io.github.ftp3p.testing.TwoHostNetwork;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FXP between two hosts: vsftpd in one network namespace, ProFTPD in another, the Camel host (this JVM) in a
 * third, each server reached over its own veth and the two servers joined by a direct link (see
 * {@link TwoHostNetwork}). The bytes counted on the Camel host's interfaces show that only control traffic
 * crossed it, while the server link carried the file.
 * <p>
 * Skipped, with the reason, where namespaces cannot be made (not root, no iproute2, no permission); under CI
 * (CI=true) that fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoHostTest {

    private static final long SIZE = 32L << 20;
    /** Logins, a dozen commands and replies, TCP handshakes and acknowledgements of both control connections. */
    private static final long CONTROL_ALLOWANCE = 64 << 10;

    private TwoHostNetwork network;
    private Path work;
    private final Map<String, Peer> peers = new HashMap<>();
    private CamelContext camel;

    @BeforeAll
    void startTwoHosts() throws Exception {
        String reason = TwoHostNetwork.unavailableReason();
        if (reason != null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the two-host test, but " + reason);
        }
        assumeTrue(reason == null, reason);
        network = TwoHostNetwork.create();
        work = Files.createTempDirectory("ftp3p-two-hosts");
        RealFtpServer.Options options = RealFtpServer.Options.defaults();
        peers.put(RealFtpServer.VSFTPD, Peer.required(RealFtpServer.VSFTPD, work.resolve("a"), options, network.serverA()));
        peers.put(RealFtpServer.PROFTPD, Peer.required(RealFtpServer.PROFTPD, work.resolve("b"), options, network.serverB()));
        camel = new DefaultCamelContext();
        camel.start();
        System.out.println("two hosts: " + network);
    }

    @AfterAll
    void stopTwoHosts() throws Exception {
        if (camel != null) {
            camel.close();
        }
        for (Peer peer : peers.values()) {
            peer.close();
        }
        if (network != null) {
            network.close();
        }
        FtpServerPair.deleteTree(work);
    }

    @ParameterizedTest(name = "{0} -> {1}, {2} passive")
    @CsvSource({ "vsftpd, proftpd, target", "vsftpd, proftpd, source", "proftpd, vsftpd, target",
            "proftpd, vsftpd, source" })
    void aCopyBetweenTwoHostsSendsTheFileOverTheServerLinkAndOnlyControlTrafficThroughTheCamelHost(String source,
            String target, String passive) throws Exception {
        Peer from = peers.get(source);
        Peer to = peers.get(target);
        String name = String.join("-", "two-hosts", source, target, passive) + ".bin";
        Path original = from.home().resolve(name);
        FtpServerPair.writeRandom(original, SIZE, name.hashCode());
        String uri = "ftp3p:copy?" + from.options("source") + "&" + to.options("target") + "&passiveSide=" + passive
                + "&replyTimeout=30000";
        long camelBefore = network.camelHostBytes();
        long linkBefore = network.serverLinkBytes();

        Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
        // Closes the endpoint's control connections, so that their QUITs are counted too.
        camel.removeEndpoint(camel.getEndpoint(uri));
        long camelHost = network.camelHostBytes() - camelBefore;
        long serverLink = network.serverLinkBytes() - linkBefore;
        System.out.printf("two hosts, %s -> %s, %s passive: file %,d bytes; Camel host interfaces %,d bytes;"
                + " server link %,d bytes%n", source, target, passive, SIZE, camelHost, serverLink);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.PASSIVE_SIDE)).isEqualTo(passive);
        Path copy = to.home().resolve(name);
        assertThat(Files.mismatch(original, copy)).isEqualTo(-1L);
        assertThat(camelHost).as("bytes on the Camel host's interfaces").isLessThan(SIZE / 100 + CONTROL_ALLOWANCE);
        assertThat(serverLink).as("bytes on the server link").isGreaterThanOrEqualTo(SIZE);
        Files.delete(original);
        Files.delete(copy);
    }
}
