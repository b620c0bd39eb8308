package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One node, many partners: the option idleTimeout closes (QUIT) the pooled connections nobody uses, so that an
 * idle endpoint holds no socket and, once the component's shared threads have idled out too, no thread.
 */
class IdleTimeoutTest {

    /** The lowest idleTimeout accepted, so that the tests wait as little as they can. */
    private static final String SHORTEST = "idleTimeout=1000";
    /**
     * Bounds every wait for an eviction: idleTimeout plus one eviction period (half of it) on a quiet machine, and
     * the shared threads' 10 s keep-alive; the rest is room for a loaded CI machine.
     */
    private static final Duration EVICTED_WITHIN = Duration.ofSeconds(30);

    /** The shared threads one transfer at a time may use, whatever the number of endpoints. */
    private static final int THREADS_FOR_ONE_TRANSFER = 8;

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void afterIdleTimeoutTheServersSeeTheSessionsQuitAndTheEndpointHoldsNoConnection() throws Exception {
        servers.givenSourceFile("a.bin", 10_000);
        String uri = servers.uri("copy", SHORTEST);

        assertThat(servers.send(uri, "a.bin").getException()).isNull();
        Ftp3pEndpoint endpoint = servers.camel().getEndpoint(uri, Ftp3pEndpoint.class);
        // Logged in on both sides; whether still pooled at this instant depends on the machine's speed: not asserted.
        assertThat(endpoint.getLogins()).isEqualTo(2);

        awaitNoSession(servers.source(), servers.target());
        assertThat(servers.source().commands()).last().isEqualTo("QUIT");
        assertThat(servers.target().commands()).last().isEqualTo("QUIT");
        assertThat(List.of(endpoint.getSourceConnectionsIdle(), endpoint.getTargetConnectionsIdle(),
                endpoint.getSourceConnectionsActive(), endpoint.getTargetConnectionsActive())).containsOnly(0);
    }

    @Test
    void anEndpointUsedAgainAfterItsConnectionsWereClosedLogsInAnewAndCopies() throws Exception {
        servers.givenSourceFile("a.bin", 10_000);
        servers.givenSourceFile("b.bin", 20_000);
        // The duration text form, as in a properties file.
        String uri = servers.uri("copy", "idleTimeout=1s");
        assertThat(servers.send(uri, "a.bin").getException()).isNull();
        awaitNoSession(servers.source(), servers.target());
        int sourceLogins = servers.source().loginCount();
        int targetLogins = servers.target().loginCount();

        Exchange again = servers.send(uri, "b.bin");

        assertThat(again.getException()).isNull();
        assertThat(servers.targetFile("b.bin")).hasSameBinaryContentAs(servers.sourceFile("b.bin"));
        assertThat(servers.source().loginCount()).isEqualTo(sourceLogins + 1);
        assertThat(servers.target().loginCount()).isEqualTo(targetLogins + 1);
    }

    @Test
    void twoHundredEndpointsAfterOneCopyEachShareTheComponentsThreadsAndEndIdleWithNoThreadAndNoSocket()
            throws Exception {
        servers.givenSourceFile("f.bin", 4096);
        copyOnceEach(servers, 0, 20);
        List<String> afterTwenty = ftp3pThreadNames();

        copyOnceEach(servers, 20, 200);
        List<String> afterTwoHundred = ftp3pThreadNames();

        assertThat(servers.camel().getEndpoints()).filteredOn(e -> e instanceof Ftp3pEndpoint).hasSize(200);
        // One transfer at a time: two reply readers, the scheduler, and a reader saying QUIT on connections past
        // idleTimeout now and then; the same handful after 20 endpoints as after 200.
        assertThat(afterTwenty).hasSizeLessThanOrEqualTo(THREADS_FOR_ONE_TRANSFER);
        assertThat(afterTwoHundred).hasSizeLessThanOrEqualTo(THREADS_FOR_ONE_TRANSFER);
        awaitNoSession(servers.source(), servers.target());
        await().atMost(EVICTED_WITHIN).untilAsserted(() -> assertThat(ftp3pThreadNames()).isEmpty());
    }

    @Test
    void aTransferRunningLongerThanIdleTimeoutKeepsItsConnectionsToTheEnd() throws Exception {
        // 600 KB at 200 KB/s: about three seconds, three times idleTimeout, so several eviction runs pass it.
        servers.source().throttle(200 * 1024);
        servers.givenSourceFile("slow.bin", 600 * 1024);

        Exchange slow = CompletableFuture.supplyAsync(() -> servers.send(servers.uri("copy", SHORTEST), "slow.bin"))
                .get(60, TimeUnit.SECONDS);

        assertThat(slow.getException()).isNull();
        assertThat(servers.targetFile("slow.bin")).hasSameBinaryContentAs(servers.sourceFile("slow.bin"));
        // Closed under the transfer, its connection would have failed it or been replaced by a second login.
        assertThat(servers.source().loginCount()).isEqualTo(1);
        // Given back after the transfer, it is idle now: that one is closed.
        awaitNoSession(servers.source());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "999", "2147483648" })
    void anIdleTimeoutBelowOneSecondOrAboveTheLongestDurationIsRefusedNamingTheOption(String value) {
        assertThatThrownBy(() -> servers.camel().getEndpoint(servers.uri("copy", "idleTimeout=" + value)))
                .rootCause().hasMessageContaining("idleTimeout").hasMessageContaining("from 1000 to 2147483647");
    }

    @Test
    void anIdleTimeoutAtItsLimitsIsAccepted() {
        for (String value : List.of("1000", "2147483647")) {
            Ftp3pEndpoint endpoint = servers.camel().getEndpoint(servers.uri("copy", "idleTimeout=" + value),
                    Ftp3pEndpoint.class);
            assertThat(endpoint.getConfiguration().getIdleTimeout()).isEqualTo(Long.parseLong(value));
        }
    }

    @Test
    void theComponentsIdleTimeoutIsTheDefaultOfItsEndpoints() {
        Ftp3pComponent component = servers.camel().getComponent("ftp3p", Ftp3pComponent.class);
        component.getConfiguration().setIdleTimeout(5000);

        Ftp3pEndpoint endpoint = servers.camel().getEndpoint(servers.uri("copy", ""), Ftp3pEndpoint.class);

        assertThat(endpoint.getConfiguration().getIdleTimeout()).isEqualTo(5000);
    }

    /** Sends one file to each endpoint numbered {@code from} to {@code to} (exclusive), each with its own target directory. */
    private static void copyOnceEach(FtpServerPair servers, int from, int to) {
        List<Exchange> failed = new ArrayList<>();
        for (int i = from; i < to; i++) {
            // A distinct URI for each: one endpoint per partner, as a B2B node has.
            Exchange result = servers.send(servers.uri("copy", SHORTEST + "&targetDirectory=inbox/p" + i), "f.bin");
            if (result.getException() != null) {
                failed.add(result);
            }
        }
        assertThat(failed).isEmpty();
    }

    /** The component's threads (shared reply readers and scheduler, batch lanes): their names all hold "ftp3p". */
    private static List<String> ftp3pThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.contains("ftp3p")).toList();
    }

    private static void awaitNoSession(EmbeddedFtpServer... fxpPair) {
        await().atMost(EVICTED_WITHIN).untilAsserted(() -> {
            for (EmbeddedFtpServer server : fxpPair) {
                assertThat(server.openSessions()).as(server.name() + " sessions").isZero();
            }
        });
    }
}
