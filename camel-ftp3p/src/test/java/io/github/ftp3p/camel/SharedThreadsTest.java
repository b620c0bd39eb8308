package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One node, many partners: the threads follow the transfers in flight, not the number of endpoints. Every
 * endpoint of the component shares its reply readers and its progress scheduler.
 */
class SharedThreadsTest {

    private static final int ENDPOINTS = 60;

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains(name)).count();
    }

    @Test
    void sixtyEndpointsEachAfterACopyShareAFewThreads() throws Exception {
        servers.givenSourceFile("f.bin", 10_000);
        int before = Thread.activeCount();

        for (int i = 0; i < ENDPOINTS; i++) {
            // A distinct URI for each: one endpoint per partner, as a B2B node has.
            Exchange result = servers.send(servers.uri("copy", "progressLogInterval=" + (60_000 + i)), "f.bin");
            assertThat(result.getException()).isNull();
        }

        assertThat(servers.camel().getEndpoints()).filteredOn(e -> e instanceof Ftp3pEndpoint).hasSize(ENDPOINTS);
        // Present (the names are right), and as many as one transfer at a time needs, not two per endpoint.
        assertThat(threadsNamed("ftp3p-replies")).isBetween(1L, 4L);
        assertThat(threadsNamed("ftp3p-progress")).isBetween(1L, 1L);
        assertThat(Thread.activeCount() - before).isLessThan(16);
    }
}
