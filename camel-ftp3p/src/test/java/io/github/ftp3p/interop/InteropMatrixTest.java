package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.Ftp3pOperationFailedException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ordered pair of Apache FtpServer, vsftpd, ProFTPD, Pure-FTPd, pyftpdlib, netkit ftpd and GNU inetutils ftpd
 * (a server with itself included), each orientation, PASV/PORT and EPSV/EPRT, through the Camel endpoint: each a
 * byte-identical copy with the size verified, or, where the active side would be inetutils ftpd (which never sends
 * data to a foreign address), the refusal. Plus pipelined batch moves, a missing source file, IPv6 (::1) for
 * vsftpd, ProFTPD and Pure-FTPd, and the strict variants of pyftpdlib and netkit ftpd. Every server has its own
 * loopback address and the client yet another ({@link MatrixServers}), so the servers' foreign-address checks
 * apply. The results become docs/interop.adoc.
 * <p>
 * A Debian server that is not installed is skipped with the reason; under CI (CI=true), where
 * .ci/install-ftp-servers has run, a missing one fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropMatrixTest {

    /** The servers of the first matrix, which {@link LongNamesTest} covers too. */
    static final List<String> KINDS = List.of(Peer.FTPSERVER, RealFtpServer.VSFTPD, RealFtpServer.PROFTPD,
            RealFtpServer.PURE_FTPD);
    /** Every server of the IPv4 and batch matrices. */
    static final List<String> ALL = Stream.concat(KINDS.stream(),
            Stream.of(RealFtpServer.PYFTPDLIB, RealFtpServer.NETKIT_FTPD, RealFtpServer.INETUTILS_FTPD)).toList();
    static final List<String> STRICT = List.of(MatrixServers.PYFTPDLIB_STRICT, MatrixServers.NETKIT_STRICT);
    /** The FXP-allowing partner of a strict server: the one whose own checks never get in the way. */
    static final String PARTNER = RealFtpServer.VSFTPD;
    private static final List<String> SIDES = List.of("target", "source");
    private static final List<String> EPSV = List.of("never", "always");
    private static final int SIZE = 300_000;

    private MatrixServers servers;
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private long started;

    @BeforeAll
    void startServers() throws Exception {
        started = System.nanoTime();
        servers = new MatrixServers();
        Stream.concat(ALL.stream(), STRICT.stream()).forEach(servers::startIpv4);
        RealFtpServer.KINDS.forEach(servers::startIpv6);
    }

    @AfterAll
    void stopServers() throws Exception {
        servers.close();
        // Only a run of every row with every server may rewrite the published page, not one filtered to some tests.
        long rows = Stream.of(copies(), refusedByInetutils(), pureFtpdActiveNetkitPassive(), ipv6(), batches(), missingSource(), strictPyftpdlib(),
                strictNetkitPort(), strictNetkitEprt(), strictNetkitPassive()).mapToLong(Stream::count).sum();
        boolean everyServer = Stream.concat(ALL.stream(), STRICT.stream()).allMatch(k -> servers.has("IPv4", k))
                && RealFtpServer.KINDS.stream().allMatch(k -> servers.has("IPv6", k));
        InteropReport.write(results, everyServer && results.size() == rows);
        System.out.printf("InteropMatrixTest: %d cells in %.1f s%n", results.size(),
                (System.nanoTime() - started) / 1e9);
    }

    // ------------------------------------------------------------------------------------------------------- rows

    /**
     * (source, target, passive side, epsv) of every ordered pair of {@link #ALL} whose active and passive sides
     * pass the test.
     */
    private static Stream<Arguments> pairs(BiPredicate<String, String> activeAndPassive) {
        List<Arguments> rows = new ArrayList<>();
        for (String source : ALL) {
            for (String target : ALL) {
                for (String passive : SIDES) {
                    for (String epsv : EPSV) {
                        boolean targetPassive = "target".equals(passive);
                        if (activeAndPassive.test(targetPassive ? source : target, targetPassive ? target : source)) {
                            rows.add(Arguments.of(source, target, passive, epsv));
                        }
                    }
                }
            }
        }
        return rows.stream();
    }

    static Stream<Arguments> copies() {
        return pairs((active, passive) -> !RealFtpServer.INETUTILS_FTPD.equals(active)
                && !pureFtpdToNetkit(active, passive));
    }

    static Stream<Arguments> refusedByInetutils() {
        return pairs((active, passive) -> RealFtpServer.INETUTILS_FTPD.equals(active));
    }

    static Stream<Arguments> pureFtpdActiveNetkitPassive() {
        return pairs(InteropMatrixTest::pureFtpdToNetkit);
    }

    private static boolean pureFtpdToNetkit(String active, String passive) {
        return RealFtpServer.PURE_FTPD.equals(active) && RealFtpServer.NETKIT_FTPD.equals(passive);
    }

    static Stream<Arguments> ipv6() {
        List<Arguments> rows = new ArrayList<>();
        for (String source : RealFtpServer.KINDS) {
            for (String target : RealFtpServer.KINDS) {
                for (String passive : SIDES) {
                    rows.add(Arguments.of(source, target, passive));
                }
            }
        }
        return rows.stream();
    }

    static Stream<Arguments> batches() {
        List<Arguments> rows = new ArrayList<>();
        for (String source : ALL) {
            for (String target : ALL) {
                boolean twoInetutils = source.equals(RealFtpServer.INETUTILS_FTPD) && source.equals(target);
                for (String epsv : twoInetutils ? List.<String>of() : EPSV) {
                    rows.add(Arguments.of(source, target, epsv));
                }
            }
        }
        return rows.stream();
    }

    static Stream<Arguments> missingSource() {
        return ALL.stream().flatMap(kind -> SIDES.stream().map(passive -> Arguments.of(kind, passive)));
    }

    /** (strict label, its role, passive side, epsv) for a strict server opposite {@link #PARTNER}. */
    private static Stream<Arguments> strict(String label, Predicate<Boolean> strictIsActive, List<String> epsvs) {
        List<Arguments> rows = new ArrayList<>();
        for (String role : SIDES) {
            for (String passive : SIDES) {
                for (String epsv : epsvs) {
                    if (strictIsActive.test(!role.equals(passive))) {
                        rows.add(Arguments.of(label, role, passive, epsv));
                    }
                }
            }
        }
        return rows.stream();
    }

    static Stream<Arguments> strictPyftpdlib() {
        return strict(MatrixServers.PYFTPDLIB_STRICT, active -> true, EPSV);
    }

    static Stream<Arguments> strictNetkitPort() {
        return strict(MatrixServers.NETKIT_STRICT, active -> active, List.of("never"));
    }

    static Stream<Arguments> strictNetkitEprt() {
        return strict(MatrixServers.NETKIT_STRICT, active -> active, List.of("always"));
    }

    static Stream<Arguments> strictNetkitPassive() {
        return strict(MatrixServers.NETKIT_STRICT, active -> !active, EPSV);
    }

    // ------------------------------------------------------------------------------------------------------ tests

    @ParameterizedTest(name = "{0} -> {1}, {2} passive, epsv={3}")
    @MethodSource("copies")
    void everyPairCopiesByteForByteInEveryOrientationItsActiveSideAllows(String source, String target,
            String passive, String epsv) throws Exception {
        copies("IPv4", source, target, passive, epsv);
    }

    /** inetutils ftpd answers any PORT or EPRT to an address other than the client's 500: it can only be passive. */
    @ParameterizedTest(name = "{0} -> {1}, {2} passive, epsv={3}")
    @MethodSource("refusedByInetutils")
    void inetutilsAsTheActiveSideRefusesFxpBecauseItNeverConnectsToAForeignAddress(String source, String target,
            String passive, String epsv) throws Exception {
        refused("IPv4", source, target, passive, epsv, RealFtpServer.INETUTILS_FTPD);
    }

    /**
     * Pure-FTPd, running as root, connects its active data connection from port 20 (ftp-data), and netkit ftpd
     * closes a passive data connection from a port below 1024: {@code 425 Can't build data connection: No such file
     * or directory.} (seen with a client connecting from ports 20 and 1000; from 40000 it transfers). No setting of
     * either changes it: the other orientation is the only one.
     */
    @ParameterizedTest(name = "{0} -> {1}, {2} passive, epsv={3}")
    @MethodSource("pureFtpdActiveNetkitPassive")
    void aPassiveNetkitRefusesTheDataConnectionOfAnActivePureFtpdFromAPrivilegedPort(String source, String target,
            String passive, String epsv) throws Exception {
        Attempt attempt = attempt("IPv4", source, target, passive, epsv);

        assertThat(attempt.result().getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasMessageContaining("425 Can't build data connection");
        assertLeftAsTheyWere(attempt);
    }

    @ParameterizedTest(name = "{0} -> {1} over ::1, {2} passive")
    @MethodSource("ipv6")
    void everyDebianPairCopiesOverIpv6WithEpsvAndEprt(String source, String target, String passive) throws Exception {
        copies("IPv6", source, target, passive, "auto");
    }

    /**
     * A batch is pipelined across files: the target is sent the next file's PASV and STOR while it still runs the
     * current STOR, and the source DELE, PORT, RETR and SIZE together. Each server must answer them in order; with
     * passiveSide=auto an inetutils source is made the passive side.
     */
    @ParameterizedTest(name = "batch {0} -> {1}, epsv={2}")
    @MethodSource("batches")
    void everyPairMovesAPipelinedBatchInOrder(String source, String target, String epsv) throws Exception {
        Peer from = present("IPv4", source, "source");
        Peer to = present("IPv4", target, "target");
        List<String> names = new ArrayList<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String name = String.join("-", "batch", source, target, epsv, Integer.toString(i)) + ".bin";
            Path original = MatrixServers.givenFile(from, name, i * 9973L);
            contents.put(name, Files.readAllBytes(original));
            names.add(name);
        }
        String key = InteropReport.key("batch", source, target, "auto", epsv);
        results.put(key, "failed");

        Exchange result = servers.send("move", from, to, "epsv=" + epsv, Ftp3pConstants.FILE_NAMES, names);

        assertThat(result.getException()).isNull();
        for (String name : names) {
            assertThat(from.home().resolve(name)).doesNotExist();
            assertThat(Files.readAllBytes(to.home().resolve(name))).as(name).isEqualTo(contents.get(name));
        }
        results.put(key, "ok");
    }

    @ParameterizedTest(name = "{0} -> {0}, missing file, {1} passive")
    @MethodSource("missingSource")
    void aMissingSourceFileFailsOnTheSourceAndLeavesNothingOnTheTarget(String kind, String passive) throws Exception {
        Peer from = present("IPv4", kind, "source");
        Peer to = present("IPv4", kind, "target");
        String name = "missing-" + kind + "-" + passive + ".bin";
        String key = InteropReport.key("missing", kind, kind, passive, "never");
        results.put(key, "failed");

        Exchange result = servers.send("copy", from, to, "passiveSide=" + passive + "&epsv=never", Exchange.FILE_NAME,
                name);

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class).hasMessageContaining(name);
        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(failure.getCode()).isEqualTo(550);
        assertThat(to.home().resolve(name)).doesNotExist();
        results.put(key, "ok");
    }

    /** Its defaults: PORT to a foreign address 501, a foreign passive data connection 425 "Rejected ...". */
    @ParameterizedTest(name = "{0} as {1}, {2} passive, epsv={3}")
    @MethodSource("strictPyftpdlib")
    void aStrictPyftpdlibRefusesFxpInEveryOrientation(String label, String role, String passive, String epsv)
            throws Exception {
        strictRow(label, role, passive, epsv, false);
    }

    /** Without -P netkit ftpd answers a PORT to another address "500 Illegal PORT rejected (address wrong).". */
    @ParameterizedTest(name = "{0} as {1}, {2} passive, epsv={3}")
    @MethodSource("strictNetkitPort")
    void netkitWithoutPRefusesAPortToAForeignAddress(String label, String role, String passive, String epsv)
            throws Exception {
        strictRow(label, role, passive, epsv, false);
    }

    /**
     * netkit ftpd 0.17 checks only PORT: EPRT to a foreign address is answered 200 and connected even without -P
     * (a bounce hole), so FXP with it as the active side works over EPRT.
     */
    @ParameterizedTest(name = "{0} as {1}, {2} passive, epsv={3}")
    @MethodSource("strictNetkitEprt")
    void netkitWithoutPStillConnectsToAForeignEprtAddress(String label, String role, String passive, String epsv)
            throws Exception {
        strictRow(label, role, passive, epsv, true);
    }

    /** netkit ftpd has no check on passive data connections at all: any host may connect. */
    @ParameterizedTest(name = "{0} as {1}, {2} passive, epsv={3}")
    @MethodSource("strictNetkitPassive")
    void netkitWithoutPAcceptsAForeignPassiveDataConnection(String label, String role, String passive, String epsv)
            throws Exception {
        strictRow(label, role, passive, epsv, true);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private Peer present(String family, String label, String role) {
        Peer peer = servers.peer(family, label, role);
        assumeTrue(peer != null, () -> label + " is not running: " + RealFtpServer.unavailableReason(
                label.startsWith(RealFtpServer.PYFTPDLIB) ? RealFtpServer.PYFTPDLIB
                        : label.startsWith(RealFtpServer.NETKIT_FTPD) ? RealFtpServer.NETKIT_FTPD : label));
        return peer;
    }

    private void strictRow(String label, String role, String passive, String epsv, boolean copies) throws Exception {
        String source = "source".equals(role) ? label : PARTNER;
        String target = "target".equals(role) ? label : PARTNER;
        if (copies) {
            copies("strict", source, target, passive, epsv);
        } else {
            String kind = label.equals(MatrixServers.PYFTPDLIB_STRICT) ? RealFtpServer.PYFTPDLIB : RealFtpServer.NETKIT_FTPD;
            refused("strict", source, target, passive, epsv, kind);
        }
    }

    /** One copy's file, result key (marked "failed" until the test says otherwise) and outcome. */
    private record Attempt(Peer to, String name, Path original, String key, Exchange result) {
    }

    /** Copies a new random file from the source to the target of these labels, from {@link MatrixServers#CLIENT}. */
    private Attempt attempt(String family, String source, String target, String passive, String epsv)
            throws Exception {
        String peers = "IPv6".equals(family) ? "IPv6" : "IPv4";
        Peer from = present(peers, source, "source");
        Peer to = present(peers, target, "target");
        String name = String.join("-", family, source, target, passive, epsv) + ".bin";
        Path original = MatrixServers.givenFile(from, name, SIZE);
        String key = InteropReport.key(family, source, target, passive, epsv);
        results.put(key, "failed");
        Exchange result = servers.send("copy", from, to, "passiveSide=" + passive + "&epsv=" + epsv,
                Exchange.FILE_NAME, name);
        return new Attempt(to, name, original, key, result);
    }

    private void copies(String family, String source, String target, String passive, String epsv) throws Exception {
        Attempt attempt = attempt(family, source, target, passive, epsv);

        Exchange result = attempt.result();
        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.VERIFIED_BY)).isEqualTo("size");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.PASSIVE_SIDE)).isEqualTo(passive);
        assertThat(Files.mismatch(attempt.original(), attempt.to().home().resolve(attempt.name()))).isEqualTo(-1L);
        results.put(attempt.key(), "ok");
    }

    /** The copy fails as an FXP refusal that names what {@code refuser} needs, and leaves both sides as they were. */
    private void refused(String family, String source, String target, String passive, String epsv, String refuser)
            throws Exception {
        Attempt attempt = attempt(family, source, target, passive, epsv);

        // An FxpRefusedException, or a failure on one side, whose message says that FXP was refused and by what.
        assertThat(attempt.result().getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasMessageContaining("FXP").hasMessageContaining(Peer.FXP_SETTINGS.get(refuser));
        assertLeftAsTheyWere(attempt);
    }

    /** Nothing on the target, the source file whole: the cell is recorded as refused. */
    private void assertLeftAsTheyWere(Attempt attempt) {
        assertThat(attempt.to().home().resolve(attempt.name())).doesNotExist();
        assertThat(attempt.original()).hasSize(SIZE);
        results.put(attempt.key(), "refused");
    }
}
