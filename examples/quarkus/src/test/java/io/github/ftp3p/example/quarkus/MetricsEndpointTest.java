package io.github.ftp3p.example.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * The ftp3p meters of the route's endpoint where a Prometheus server scrapes them: Quarkus's /q/metrics, after a
 * copy and a failed copy between the two embedded servers of {@link FtpServersResource}.
 */
@QuarkusTest
@QuarkusTestResource(FtpServersResource.class)
class MetricsEndpointTest {

    @Inject
    ProducerTemplate producer;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    FtpServersResource.Servers servers;

    @Test
    void qMetricsShowsTheCompletedAndFailedTransfersTheBytesAndThePoolsOfTheRoutesEndpoint() throws Exception {
        Files.createDirectories(servers.partner().home().resolve("outbox"));
        Files.write(servers.partner().home().resolve("outbox/metered.bin"), new byte[4321]);
        producer.sendBodyAndHeader("direct:publish", null, Exchange.FILE_NAME, "metered.bin");
        Exchange failed = producer.request("direct:publish", e -> e.getMessage().setHeader(Exchange.FILE_NAME, "missing.bin"));
        assertThat(failed.getException()).isNotNull();

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body().lines().filter(l -> l.startsWith("camel_ftp3p_transfers_total{")))
                .anyMatch(l -> l.contains("outcome=\"completed\""))
                .anyMatch(l -> l.contains("outcome=\"failed\"") && l.contains("side=\"source\"")
                        && l.contains("reason=\"FtpReplyException\"") && l.endsWith(" 1.0"))
                .allMatch(l -> l.contains("endpointName=\"ftp3p://copy?"));
        assertThat(scrape.body().lines()).anyMatch(l -> l.startsWith("camel_ftp3p_bytes_total{"))
                .anyMatch(l -> l.startsWith("camel_ftp3p_transfer_duration_seconds_count{"))
                .anyMatch(l -> l.startsWith("camel_ftp3p_connections_idle{") && l.contains("side=\"target\""))
                .anyMatch(l -> l.startsWith("camel_ftp3p_connections_active{") && l.contains("side=\"source\""));
        assertThat(scrape.body()).doesNotContain(servers.partner().password(), servers.ingest().password());
    }
}
