package io.github.ftp3p.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.ftp3p.camel.BoundSocketFactory;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The servers of {@link InteropMatrixTest}, each on its own loopback address, and the Camel context whose control
 * sockets all come from {@link #CLIENT}: a server then sees the other server's data connection (or a PORT to it) as
 * foreign, so its FXP check applies, as between real hosts. With everything on 127.0.0.1 the checks always pass.
 *
 * <p>Layout: a source on {@code 127.0.1.N}, a target on {@code 127.0.2.N}, N the server's place in
 * {@link #NUMBERS}; the client on {@code 127.0.0.2}. IPv6 has one loopback address, so the IPv6 servers all share
 * {@code ::1} with the client.
 */
final class MatrixServers implements AutoCloseable {

    static final String CLIENT = "127.0.0.2";
    /** pyftpdlib with its defaults, which refuse foreign addresses ({@code permit_foreign_addresses=False}). */
    static final String PYFTPDLIB_STRICT = "pyftpdlib-strict";
    /** netkit ftpd without {@code -P}: PORT to a foreign address refused. */
    static final String NETKIT_STRICT = "netkit-ftpd-strict";
    private static final List<String> NUMBERS = List.of(Peer.FTPSERVER, RealFtpServer.VSFTPD, RealFtpServer.PROFTPD,
            RealFtpServer.PURE_FTPD, RealFtpServer.PYFTPDLIB, RealFtpServer.NETKIT_FTPD, RealFtpServer.INETUTILS_FTPD,
            PYFTPDLIB_STRICT, NETKIT_STRICT);

    private final Path work;
    private final CamelContext camel;
    private final Map<String, Peer> peers = new LinkedHashMap<>();

    MatrixServers() throws Exception {
        work = Files.createTempDirectory("ftp3p-interop");
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("client", new BoundSocketFactory(CLIENT));
        camel.start();
    }

    static String address(String label, String role) {
        int n = NUMBERS.indexOf(label) + 1;
        if (n == 0) {
            throw new IllegalArgumentException("no address for " + label);
        }
        return "127.0." + ("source".equals(role) ? 1 : 2) + "." + n;
    }

    /** Starts the source and the target of one label (a kind, or a strict variant); missing ones are left out. */
    void startIpv4(String label) {
        for (String role : List.of("source", "target")) {
            String host = address(label, role);
            Optional<Peer> peer = switch (label) {
                case Peer.FTPSERVER -> Optional.of(Peer.embedded(work.resolve(label + "-" + role), false, host));
                case PYFTPDLIB_STRICT -> real(RealFtpServer.PYFTPDLIB, label, role,
                        RealFtpServer.Options.defaults().withFxpAllowed(false).withHost(host));
                case NETKIT_STRICT -> real(RealFtpServer.NETKIT_FTPD, label, role,
                        RealFtpServer.Options.defaults().withFxpAllowed(false).withHost(host));
                default -> real(label, label, role, RealFtpServer.Options.defaults().withHost(host));
            };
            peer.ifPresent(p -> peers.put(key("IPv4", label, role), p));
        }
    }

    /** Starts the source and the target of a kind on ::1. */
    void startIpv6(String kind) {
        for (String role : List.of("source", "target")) {
            real(kind, kind, role + "6", RealFtpServer.Options.defaults().withIpv6(true))
                    .ifPresent(p -> peers.put(key("IPv6", kind, role), p));
        }
    }

    private Optional<Peer> real(String kind, String label, String role, RealFtpServer.Options options) {
        return Peer.real(kind, work.resolve(label + "-" + role), options);
    }

    private static String key(String family, String label, String role) {
        return family + "|" + label + "|" + role;
    }

    /** The peer, or null when it is not installed. */
    Peer peer(String family, String label, String role) {
        return peers.get(key(family, label, role));
    }

    boolean has(String family, String label) {
        return peer(family, label, "source") != null && peer(family, label, "target") != null;
    }

    /**
     * Sends one exchange to {@code ftp3p:OPERATION?source...&target...&OPTIONS}, over IPv4 from {@link #CLIENT},
     * then closes the endpoint: each row has its own endpoint and pools, and closing them keeps the servers under
     * their client limits. A stall is given up after 10 s instead of 60: a 300 KB copy between loopback servers
     * never pauses that long, and a stuck cell must not hold the build for a minute.
     */
    Exchange send(String operation, Peer from, Peer to, String options, String header, Object value) throws Exception {
        boolean ipv6 = from.host().contains(":");
        String uri = "ftp3p:" + operation + "?" + from.options("source") + "&" + to.options("target")
                + (ipv6 ? "" : "&socketFactory=#client") + "&replyTimeout=10000&stallTimeout=10000&" + options;
        Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(header, value));
        camel.removeEndpoint(camel.getEndpoint(uri));
        return result;
    }

    /** Writes a random file of this size into the peer's home and returns its path. */
    static Path givenFile(Peer peer, String name, long size) {
        Path file = peer.home().resolve(name);
        FtpServerPair.writeRandom(file, size, name.hashCode());
        return file;
    }

    @Override
    public void close() throws Exception {
        camel.close();
        for (Peer peer : peers.values()) {
            peer.close();
        }
        FtpServerPair.deleteTree(work);
    }
}
