package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.NamespaceHost;
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
 * FXP between two hosts: vsftpd in one network namespace, ProFTPD in another, the Camel host (this JVM) in the
 * machine's own, each server reached over its own veth and the two servers joined by a direct link (see
 * {@link TwoHostNetwork}). The bytes counted on the Camel host's interfaces show that only control traffic
 * crossed it, while the server link carried the file; and, as the control, that a copy relayed between a second
 * pair of servers that refuse FXP crosses the Camel host twice and not the server link.
 * <p>
 * Skipped, with the reason, where namespaces cannot be made (not root, no iproute2, no permission); under CI
 * (CI=true) that fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoHostTest {

    private static final long SIZE = 32L << 20;
    /** Logins, a dozen commands and replies, TCP handshakes and acknowledgements of both control connections. */
    private static final long CONTROL_ALLOWANCE = 64 << 10;
    /** The second server in each namespace, beside the one on {@link NamespaceHost#CONTROL_PORT}. */
    private static final int STRICT_PORT = NamespaceHost.CONTROL_PORT + 1;

    private TwoHostNetwork network;
    private Path work;
    private final Map<String, Peer> peers = new HashMap<>();
    private final Map<String, Peer> strictPeers = new HashMap<>();
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
        // FXP off: each refuses a data connection from or to an address other than the Camel host's.
        RealFtpServer.Options strict = options.withFxpAllowed(false);
        strictPeers.put(RealFtpServer.VSFTPD, Peer.required(RealFtpServer.VSFTPD, work.resolve("strict-a"), strict,
                network.serverA().withPort(STRICT_PORT)));
        strictPeers.put(RealFtpServer.PROFTPD, Peer.required(RealFtpServer.PROFTPD, work.resolve("strict-b"), strict,
                network.serverB().withPort(STRICT_PORT)));
        camel = new DefaultCamelContext();
        camel.start();
        System.out.println("two hosts: " + network);
    }

    @AfterAll
    void stopTwoHosts() throws Exception {
        try {
            if (camel != null) {
                camel.close();
            }
            for (Peer peer : peers.values()) {
                peer.close();
            }
            for (Peer peer : strictPeers.values()) {
                peer.close();
            }
        } finally {
            if (network != null) {
                network.close();
            }
            FtpServerPair.deleteTree(work);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}, {2} passive")
    @CsvSource({ "vsftpd, proftpd, target", "vsftpd, proftpd, source", "proftpd, vsftpd, target",
            "proftpd, vsftpd, source" })
    void aCopyBetweenTwoHostsSendsTheFileOverTheServerLinkAndOnlyControlTrafficThroughTheCamelHost(String source,
            String target, String passive) throws Exception {
        Traffic traffic = copy(peers.get(source), peers.get(target), "passiveSide=" + passive, "fxp");

        System.out.printf("two hosts, %s -> %s, %s passive: file %,d bytes; Camel host interfaces %,d bytes;"
                + " server link %,d bytes%n", source, target, passive, SIZE, traffic.camelHost, traffic.serverLink);
        assertThat(traffic.camelHost).as("bytes on the Camel host's interfaces").isLessThan(SIZE / 100 + CONTROL_ALLOWANCE);
        assertThat(traffic.serverLink).as("bytes on the server link").isGreaterThanOrEqualTo(SIZE);
    }

    /** The control for the figures above: the same counters do see a file that crosses the Camel host. */
    @ParameterizedTest(name = "{0} -> {1}, relayed")
    @CsvSource({ "vsftpd, proftpd", "proftpd, vsftpd" })
    void aCopyRelayedBetweenServersThatRefuseFxpCrossesTheCamelHostTwiceAndNotTheServerLink(String source,
            String target) throws Exception {
        Traffic traffic = copy(strictPeers.get(source), strictPeers.get(target), "fallback=relay", "relay");

        System.out.printf("two hosts, %s -> %s, FXP refused, relayed: file %,d bytes; Camel host interfaces %,d bytes;"
                + " server link %,d bytes%n", source, target, SIZE, traffic.camelHost, traffic.serverLink);
        assertThat(traffic.camelHost).as("bytes on the Camel host's interfaces").isGreaterThanOrEqualTo(2 * SIZE);
        assertThat(traffic.serverLink).as("bytes on the server link").isLessThan(CONTROL_ALLOWANCE);
    }

    /** Bytes received plus sent during one copy. */
    private record Traffic(long camelHost, long serverLink) {
    }

    /** One byte-identical {@code ftp3p:copy} of a new file, in the given mode, and the traffic it made. */
    private Traffic copy(Peer from, Peer to, String option, String mode) throws Exception {
        String name = String.join("-", "two-hosts", from.kind(), to.kind(), option.replace('=', '-')) + ".bin";
        Path original = from.home().resolve(name);
        FtpServerPair.writeRandom(original, SIZE, name.hashCode());
        String uri = "ftp3p:copy?" + from.options("source") + "&" + to.options("target") + "&" + option
                + "&replyTimeout=30000";
        long camelBefore = network.camelHostBytes();
        long linkBefore = network.serverLinkBytes();

        Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
        // Closes the endpoint's control connections, so that their QUITs are counted too.
        camel.removeEndpoint(camel.getEndpoint(uri));
        Traffic traffic = new Traffic(network.camelHostBytes() - camelBefore, network.serverLinkBytes() - linkBefore);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.MODE)).isEqualTo(mode);
        Path copy = to.home().resolve(name);
        assertThat(Files.mismatch(original, copy)).isEqualTo(-1L);
        Files.delete(original);
        Files.delete(copy);
        return traffic;
    }
}
