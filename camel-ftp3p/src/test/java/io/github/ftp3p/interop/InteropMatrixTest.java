package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ordered pair of Apache FtpServer, vsftpd, ProFTPD and Pure-FTPd (a server with itself included), each
 * orientation, PASV/PORT and EPSV/EPRT, through the Camel endpoint: each a byte-identical copy with the size
 * verified. Plus IPv6 (::1) for the Debian servers. The results become docs/interop.adoc.
 * <p>
 * A Debian server that is not installed is skipped with the reason; under CI (CI=true), where
 * .ci/install-ftp-servers has run, a missing one fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropMatrixTest {

    static final List<String> KINDS = List.of(Peer.FTPSERVER, RealFtpServer.VSFTPD, RealFtpServer.PROFTPD,
            RealFtpServer.PURE_FTPD);
    private static final int SIZE = 300_000;

    private Path work;
    private final Map<String, Peer> sources = new LinkedHashMap<>();
    private final Map<String, Peer> targets = new LinkedHashMap<>();
    private final Map<String, Peer> sources6 = new LinkedHashMap<>();
    private final Map<String, Peer> targets6 = new LinkedHashMap<>();
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private CamelContext camel;

    @BeforeAll
    void startServers() throws Exception {
        work = Files.createTempDirectory("ftp3p-interop");
        sources.put(Peer.FTPSERVER, Peer.embedded(work.resolve("ftpserver-source"), false));
        targets.put(Peer.FTPSERVER, Peer.embedded(work.resolve("ftpserver-target"), false));
        RealFtpServer.Options v4 = RealFtpServer.Options.defaults();
        for (String kind : RealFtpServer.KINDS) {
            start(kind, "source", v4).ifPresent(p -> sources.put(kind, p));
            start(kind, "target", v4).ifPresent(p -> targets.put(kind, p));
            start(kind, "source6", v4.withIpv6(true)).ifPresent(p -> sources6.put(kind, p));
            start(kind, "target6", v4.withIpv6(true)).ifPresent(p -> targets6.put(kind, p));
        }
        camel = new DefaultCamelContext();
        camel.start();
    }

    private Optional<Peer> start(String kind, String role, RealFtpServer.Options options) {
        return Peer.real(kind, work.resolve(kind + "-" + role), options);
    }

    @AfterAll
    void stopServers() throws Exception {
        camel.close();
        for (Map<String, Peer> peers : List.of(sources, targets, sources6, targets6)) {
            for (Peer peer : peers.values()) {
                peer.close();
            }
        }
        // Only a run of every row may rewrite the published page, not one filtered to some tests.
        long rows = ipv4().count() + ipv6().count() + batches().count();
        InteropReport.write(results, sources.keySet().containsAll(KINDS) && sources6.size() == RealFtpServer.KINDS.size()
                && results.size() == rows);
        FtpServerPair.deleteTree(work);
    }

    Stream<Arguments> ipv4() {
        List<Arguments> rows = new ArrayList<>();
        for (String source : KINDS) {
            for (String target : KINDS) {
                for (String passive : List.of("target", "source")) {
                    for (String epsv : List.of("never", "always")) {
                        rows.add(Arguments.of(source, target, passive, epsv));
                    }
                }
            }
        }
        return rows.stream();
    }

    Stream<Arguments> ipv6() {
        List<Arguments> rows = new ArrayList<>();
        for (String source : RealFtpServer.KINDS) {
            for (String target : RealFtpServer.KINDS) {
                for (String passive : List.of("target", "source")) {
                    rows.add(Arguments.of(source, target, passive));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}, {2} passive, epsv={3}")
    @MethodSource("ipv4")
    void everyPairCopiesByteForByteInEveryOrientation(String source, String target, String passive, String epsv)
            throws Exception {
        copy(sources.get(source), targets.get(target), source, target, passive, epsv, "IPv4");
    }

    @ParameterizedTest(name = "{0} -> {1} over ::1, {2} passive")
    @MethodSource("ipv6")
    void everyDebianPairCopiesOverIpv6WithEpsvAndEprt(String source, String target, String passive) throws Exception {
        copy(sources6.get(source), targets6.get(target), source, target, passive, "auto", "IPv6");
    }

    Stream<Arguments> batches() {
        List<Arguments> rows = new ArrayList<>();
        for (String source : KINDS) {
            for (String target : KINDS) {
                for (String epsv : List.of("never", "always")) {
                    rows.add(Arguments.of(source, target, epsv));
                }
            }
        }
        return rows.stream();
    }

    /**
     * A batch is pipelined across files: the target is sent the next file's PASV and STOR while it still runs the
     * current STOR, and the source DELE, PORT, RETR and SIZE together. Each server must answer them in order.
     */
    @ParameterizedTest(name = "batch {0} -> {1}, epsv={2}")
    @MethodSource("batches")
    void everyPairMovesAPipelinedBatchInOrder(String source, String target, String epsv) throws Exception {
        Peer from = sources.get(source);
        Peer to = targets.get(target);
        assumeTrue(from != null, () -> RealFtpServer.unavailableReason(source));
        assumeTrue(to != null, () -> RealFtpServer.unavailableReason(target));
        List<String> names = new ArrayList<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String name = String.join("-", "batch", source, target, epsv, Integer.toString(i)) + ".bin";
            Path original = from.home().resolve(name);
            FtpServerPair.writeRandom(original, i * 9973L, name.hashCode());
            contents.put(name, Files.readAllBytes(original));
            names.add(name);
        }
        String uri = "ftp3p:move?" + from.options("source") + "&" + to.options("target") + "&epsv=" + epsv
                + "&replyTimeout=10000";
        String key = InteropReport.key("batch", source, target, "target", epsv);
        results.put(key, "failed");

        Exchange result = camel.createProducerTemplate().request(uri,
                e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names));
        closeConnections(uri);

        assertThat(result.getException()).isNull();
        for (String name : names) {
            assertThat(from.home().resolve(name)).doesNotExist();
            assertThat(Files.readAllBytes(to.home().resolve(name))).as(name).isEqualTo(contents.get(name));
        }
        results.put(key, "ok");
    }

    /** Each row has its own endpoint and pools: closing them keeps the servers under their client limits. */
    private void closeConnections(String uri) throws Exception {
        camel.removeEndpoint(camel.getEndpoint(uri));
    }

    private void copy(Peer from, Peer to, String source, String target, String passive, String epsv, String family)
            throws Exception {
        assumeTrue(from != null, () -> RealFtpServer.unavailableReason(source));
        assumeTrue(to != null, () -> RealFtpServer.unavailableReason(target));
        String name = String.join("-", family, source, target, passive, epsv) + ".bin";
        Path original = from.home().resolve(name);
        FtpServerPair.writeRandom(original, SIZE, name.hashCode());
        String uri = "ftp3p:copy?" + from.options("source") + "&" + to.options("target") + "&passiveSide=" + passive
                + "&epsv=" + epsv + "&replyTimeout=10000";
        String key = InteropReport.key(family, source, target, passive, epsv);
        results.put(key, "failed");

        Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
        closeConnections(uri);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.VERIFIED_BY)).isEqualTo("size");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.PASSIVE_SIDE)).isEqualTo(passive);
        assertThat(Files.mismatch(original, to.home().resolve(name))).isEqualTo(-1L);
        results.put(key, "ok");
    }
}
