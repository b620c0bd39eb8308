package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.github.ftp3p.testing.RealFtpServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every server kind listens on the loopback address it is given, and on that one only: the interop matrix puts
 * each server on its own 127.0.0.x so that the servers' foreign-address checks apply.
 */
class ServerAddressesTest {

    private static final String ADDRESS = "127.0.0.5";

    @RegisterExtension
    final InteropWork work = new InteropWork();

    static Stream<String> kinds() {
        return Stream.concat(Stream.of(Peer.FTPSERVER), RealFtpServer.ALL_KINDS.stream());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aServerGreetsOnItsOwnAddressAndIsNotReachableOnAnother(String kind) throws Exception {
        try (Peer peer = Peer.FTPSERVER.equals(kind) ? Peer.embedded(work.resolve(kind), false, ADDRESS)
                : Peer.required(kind, work.resolve(kind), RealFtpServer.Options.defaults().withHost(ADDRESS))) {
            assertThat(peer.host()).isEqualTo(ADDRESS);
            assertThat(greeting(ADDRESS, peer.port())).startsWith("220");
            assertThatThrownBy(() -> greeting("127.0.0.1", peer.port())).isInstanceOf(ConnectException.class);
        }
    }

    private static String greeting(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
