package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionReuseTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void twoHundredSequentialCopiesLogInAtMostTwiceOnEachServer() {
        for (int i = 0; i < 200; i++) {
            servers.givenSourceFile("f" + i + ".txt", 100 + i);
        }
        String uri = servers.uri("copy", "");

        for (int i = 0; i < 200; i++) {
            assertThat(servers.send(uri, "f" + i + ".txt").getException()).isNull();
        }

        assertThat(servers.targetFile("f199.txt")).hasSize(299);
        assertThat(servers.source().loginCount()).isBetween(1, 2);
        assertThat(servers.target().loginCount()).isBetween(1, 2);
    }

    @Test
    void concurrentExchangesEachGetTheirOwnConnectionsWithinMaxConnections() throws Exception {
        for (int i = 0; i < 40; i++) {
            servers.givenSourceFile("c" + i + ".bin", 200_000 + i);
        }
        String uri = servers.uri("copy", "maxConnections=3");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Exchange>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "c" + i + ".bin";
                results.add(pool.submit(() -> servers.send(uri, name)));
            }
            for (Future<Exchange> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).getException()).isNull();
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < 40; i++) {
            assertThat(Files.mismatch(servers.sourceFile("c" + i + ".bin"), servers.targetFile("c" + i + ".bin"))).isEqualTo(-1L);
        }
        assertThat(servers.source().loginCount()).isBetween(1, 3);
        assertThat(servers.target().loginCount()).isBetween(1, 3);
    }

    @Test
    void concurrentExchangesOnOneConnectionPerSideNeverWaitForEachOther() throws Exception {
        // Every exchange needs both sides; one that held a target while waiting for a source, and another the
        // reverse, would wait for ever. Creating the new target directory takes the target first.
        for (int i = 0; i < 12; i++) {
            servers.givenSourceFile("d" + i + ".bin", 1000 + i);
        }
        String uri = servers.uri("copy", "maxConnections=1").replace("/inbox", "/inbox/new");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Exchange>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "d" + i + ".bin";
                results.add(pool.submit(() -> servers.send(uri, name)));
            }
            for (Future<Exchange> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).getException()).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(servers.target().home().resolve("inbox/new/d11.bin")).hasSize(1011);
    }
}
