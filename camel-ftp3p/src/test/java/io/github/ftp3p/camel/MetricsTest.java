package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Micrometer meters of an endpoint (docs/ftp3p-component.adoc, "Metrics"), in a registry bound in the Camel
 * registry as camel-micrometer finds one, against the embedded server pair.
 */
class MetricsTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Tags endpointTags(String uri) {
        return Tags.of("camelContext", servers.camel().getName(), "kind", "CamelFtp3p",
                "endpointName", Ftp3pHealthCheck.id(servers.camel().getEndpoint(uri).getEndpointUri()));
    }

    @Test
    void aCopyCountsAsCompletedWithItsBytesAndDurationAndAMissingSourceFileAsFailedOnTheSourceWithItsReason() {
        servers.camel().getRegistry().bind("metricsRegistry", registry);
        servers.givenSourceFile("a.bin", 3000);
        String uri = servers.uri("copy", "");

        assertThat(servers.send(uri, "a.bin").getException()).isNull();
        assertThat(servers.send(uri, "missing.bin").getException()).isInstanceOf(Ftp3pOperationFailedException.class);

        Tags tags = endpointTags(uri);
        assertThat(registry.get("camel.ftp3p.transfers").tags(tags)
                .tags("outcome", "completed", "side", "none", "reason", "none").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("camel.ftp3p.transfers").tags(tags)
                .tags("outcome", "failed", "side", "source", "reason", "FtpReplyException").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("camel.ftp3p.transfers").tags(tags).tag("outcome", "failed").counters()).hasSize(1);
        assertThat(registry.get("camel.ftp3p.bytes").tags(tags).counter().count()).isEqualTo(3000.0);
        assertThat(registry.get("camel.ftp3p.transfer.duration").tags(tags).timer().count()).isEqualTo(1);
        // The same counts as the JMX attributes, from the same calls.
        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) servers.camel().getEndpoint(uri);
        assertThat(endpoint.getTransfersCompleted()).isEqualTo(1);
        assertThat(endpoint.getTransfersFailed()).isEqualTo(1);
        assertThat(endpoint.getBytesTransferred()).isEqualTo(3000);
    }

    @Test
    void eachFileOfABatchCountsOnceIncludingThosePipelinedAndTheOneItStoppedAt() {
        servers.camel().getRegistry().bind("metricsRegistry", registry);
        servers.givenSourceFile("a.bin", 100);
        servers.givenSourceFile("b.bin", 200);
        servers.givenSourceFile("c.bin", 300);
        String uri = servers.uri("copy", "");

        Exchange result = servers.camel().createProducerTemplate().request(uri,
                e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, List.of("a.bin", "b.bin", "missing.bin", "c.bin")));

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        Tags tags = endpointTags(uri);
        assertThat(registry.get("camel.ftp3p.transfers").tags(tags).tag("outcome", "completed").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("camel.ftp3p.transfers").tags(tags).tags("outcome", "failed", "side", "source")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("camel.ftp3p.bytes").tags(tags).counter().count()).isEqualTo(300.0);
    }

    @Test
    void eachFileASyncCopiesCountsAsCompleted() {
        servers.camel().getRegistry().bind("metricsRegistry", registry);
        servers.givenSourceFile("top.csv", 1000);
        servers.givenSourceFile("a/one.bin", 2000);
        String uri = servers.uri("sync", "");

        Exchange result = servers.camel().createProducerTemplate().request(uri, e -> { });

        assertThat(result.getException()).isNull();
        assertThat(registry.get("camel.ftp3p.transfers").tags(endpointTags(uri)).tag("outcome", "completed").counter()
                .count()).isEqualTo(2.0);
        assertThat(registry.get("camel.ftp3p.bytes").tags(endpointTags(uri)).counter().count()).isEqualTo(3000.0);
    }

    @Test
    void theActiveConnectionGaugesCountThePairATransferHoldsWhileItRuns() throws Exception {
        servers.camel().getRegistry().bind("metricsRegistry", registry);
        // Slow enough (about two seconds) for the gauges to be read while the transfer runs.
        servers.source().throttle(1024 * 1024);
        servers.givenSourceFile("slow.bin", 2L * 1024 * 1024);
        String uri = servers.uri("copy", "");
        servers.camel().getEndpoint(uri).start();
        Tags tags = endpointTags(uri);

        CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.send(uri, "slow.bin"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> activeConnections(tags, "source") == 1.0
                && activeConnections(tags, "target") == 1.0);
        assertThat(running.get(60, TimeUnit.SECONDS).getException()).isNull();

        assertThat(activeConnections(tags, "source")).isZero();
        assertThat(activeConnections(tags, "target")).isZero();
    }

    private double activeConnections(Tags tags, String side) {
        return registry.get("camel.ftp3p.connections.active").tags(tags).tag("side", side).gauge().value();
    }

    @Test
    void theConnectionGaugesShowEachSidesPoolAndTheMetersGoWhenTheEndpointStops() throws Exception {
        servers.camel().getRegistry().bind("anyName", registry);
        servers.givenSourceFile("a.bin", 10);
        String uri = servers.uri("copy", "");

        assertThat(servers.send(uri, "a.bin").getException()).isNull();

        Tags tags = endpointTags(uri);
        for (String side : new String[] { "source", "target" }) {
            assertThat(registry.get("camel.ftp3p.connections.idle").tags(tags).tag("side", side).gauge().value())
                    .isEqualTo(1.0);
            assertThat(registry.get("camel.ftp3p.connections.active").tags(tags).tag("side", side).gauge().value())
                    .isEqualTo(0.0);
        }
        servers.camel().getEndpoint(uri).stop();
        assertThat(registry.getMeters()).extracting(Meter::getId).noneMatch(id -> id.getName().startsWith("camel.ftp3p"));
    }

    @Test
    void aTransferSkippedBecauseTheTargetExistsCountsAsSkippedWithNoBytes() {
        servers.camel().getRegistry().bind("metricsRegistry", registry);
        servers.givenSourceFile("a.bin", 100);
        FtpServerPair.writeRandom(servers.target().home().resolve("inbox/a.bin"), 50, 1);
        String uri = servers.uri("copy", "fileExist=Ignore");

        Exchange result = servers.send(uri, "a.bin");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.SKIPPED)).isEqualTo(true);
        assertThat(registry.get("camel.ftp3p.transfers").tags(endpointTags(uri)).tag("outcome", "skipped").counter()
                .count()).isEqualTo(1.0);
        assertThat(registry.get("camel.ftp3p.bytes").counter().count()).isZero();
        assertThat(registry.get("camel.ftp3p.transfer.duration").timer().count()).isZero();
    }

    @Test
    void ofTwoRegistriesTheOneNamedMetricsRegistryGetsTheMetersAsInCamelMicrometer() {
        MeterRegistry other = new SimpleMeterRegistry();
        servers.camel().getRegistry().bind("other", other);
        servers.camel().getRegistry().bind("metricsRegistry", registry);
        servers.givenSourceFile("a.bin", 10);

        assertThat(servers.send(servers.uri("copy", ""), "a.bin").getException()).isNull();

        assertThat(registry.find("camel.ftp3p.transfers").tag("outcome", "completed").counter().count()).isEqualTo(1.0);
        assertThat(other.getMeters()).isEmpty();
    }

    @Test
    void withTwoRegistriesAndNoneNamedMetricsRegistryTheEndpointHasNoMetersAndStillCopies() {
        MeterRegistry other = new SimpleMeterRegistry();
        servers.camel().getRegistry().bind("one", registry);
        servers.camel().getRegistry().bind("two", other);
        servers.givenSourceFile("a.bin", 10);

        assertThat(servers.send(servers.uri("copy", ""), "a.bin").getException()).isNull();

        assertThat(registry.getMeters()).isEmpty();
        assertThat(other.getMeters()).isEmpty();
        assertThat(servers.targetFile("a.bin")).exists();
    }
}
