package io.github.ftp3p.interop;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.testing.NamespaceHost;
import io.github.ftp3p.testing.RealFtpServer;
import org.junit.jupiter.api.Assumptions;

/** One running server of the interop matrix, whatever its kind, as ftp3p sees it. */
record Peer(String kind, String host, int port, String user, String password, String directory, Path home,
        AutoCloseable process) implements AutoCloseable {

    static final String FTPSERVER = "ftpserver";

    /**
     * What ftp3p's refusal message must name for each kind: the setting that allows FXP, or for inetutils ftpd, which
     * has none, the server itself (it can only be the passive side).
     */
    static final Map<String, String> FXP_SETTINGS = Map.of(FTPSERVER, "activeIpCheck=false",
            RealFtpServer.VSFTPD, "pasv_promiscuous=YES", RealFtpServer.PROFTPD, "AllowForeignAddress on",
            RealFtpServer.PURE_FTPD, "AllowUserFXP yes", RealFtpServer.PYFTPDLIB, "permit_foreign_addresses",
            RealFtpServer.NETKIT_FTPD, "-P", RealFtpServer.INETUTILS_FTPD, "inetutils");

    static Peer embedded(Path work, boolean ipChecks) {
        return embedded(work, ipChecks, EmbeddedFtpServer.HOST);
    }

    /** Apache FtpServer on its own loopback address, e.g. 127.0.0.5. */
    static Peer embedded(Path work, boolean ipChecks, String host) {
        EmbeddedFtpServer server = EmbeddedFtpServer.startOn(host, "ftpserver", work, ipChecks);
        return new Peer(FTPSERVER, server.host(), server.port(), server.user(), server.password(), "", server.home(), server);
    }

    /**
     * A Debian server, or empty when it is not installed; under CI (CI=true), where .ci/install-ftp-servers has run,
     * a missing server is an error, so that no interop row is skipped there.
     */
    static Optional<Peer> real(String kind, Path work, RealFtpServer.Options options) {
        return real(kind, RealFtpServer.start(kind, work, options));
    }

    /** As {@link #real(String, Path, RealFtpServer.Options)}, as another host: in a network namespace. */
    static Optional<Peer> real(String kind, Path work, RealFtpServer.Options options, NamespaceHost where) {
        return real(kind, RealFtpServer.start(kind, work, options, where));
    }

    private static Optional<Peer> real(String kind, Optional<RealFtpServer> started) {
        Optional<Peer> peer = started.map(s -> new Peer(kind, s.host(), s.port(), s.user(), s.password(),
                s.writableDirectory(), s.home(), s));
        if (peer.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run every interop row, but " + RealFtpServer.unavailableReason(kind));
        }
        return peer;
    }

    /** A Debian server; the test is skipped, with the reason, when it is not installed (outside CI). */
    static Peer required(String kind, Path work, RealFtpServer.Options options) {
        return required(kind, real(kind, work, options));
    }

    /** As {@link #required(String, Path, RealFtpServer.Options)}, as another host: in a network namespace. */
    static Peer required(String kind, Path work, RealFtpServer.Options options, NamespaceHost where) {
        return required(kind, real(kind, work, options, where));
    }

    private static Peer required(String kind, Optional<Peer> peer) {
        Assumptions.assumeTrue(peer.isPresent(), () -> RealFtpServer.unavailableReason(kind));
        return peer.get();
    }

    /** The server URI and password options for one side of an ftp3p endpoint. */
    String options(String side) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return side + "=ftp://" + user + "@" + hostPart + ":" + port + "/" + directory
                + (password.isEmpty() ? "" : "&" + side + "Password=RAW(" + password + ")");
    }

    @Override
    public void close() throws Exception {
        process.close();
    }
}
