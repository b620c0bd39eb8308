package io.github.ftp3p.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** What the proxy forwards, not how fast: timings are never asserted. */
class DelayProxyTest {

    @Test
    void forwardsEveryByteInOrderBothWaysAndCountsThem() throws Exception {
        byte[] payload = new byte[300_000];
        new Random(7).nextBytes(payload);
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                    s.shutdownOutput();
                } catch (Exception ignored) {
                    // the test fails on what it reads
                }
            });
            server.start();
            try (DelayProxy proxy = DelayProxy.start(echo.getLocalPort(), Duration.ofMillis(2));
                 Socket client = new Socket("127.0.0.1", proxy.port())) {
                OutputStream out = client.getOutputStream();
                Thread writer = new Thread(() -> {
                    try {
                        for (int i = 0; i < payload.length; i += 1000) {
                            out.write(payload, i, Math.min(1000, payload.length - i));
                        }
                        client.shutdownOutput();
                    } catch (Exception ignored) {
                        // the test fails on what it reads
                    }
                });
                writer.start();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                InputStream in = client.getInputStream();
                in.transferTo(received);
                writer.join();

                assertThat(received.toByteArray()).isEqualTo(payload);
                assertThat(proxy.bytes()).isEqualTo(2L * payload.length);
            }
            server.join();
        }
    }
}
