package io.github.ftp3p.example.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ftp3p meters of the route's endpoint, where a Prometheus server scrapes them: the actuator's
 * /actuator/prometheus on a random port of 127.0.0.1, after a copy and a failed copy between two embedded servers.
 * A Spring Boot test turns every metrics export off unless told otherwise (AutoConfigureObservability).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.apache.ftpserver=warn")
class PrometheusEndpointTest {

    @TempDir
    static Path work;

    static EmbeddedFtpServer partner;
    static EmbeddedFtpServer ingest;

    @Autowired
    ProducerTemplate producer;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startServers() throws Exception {
        partner = EmbeddedFtpServer.start("partner", work.resolve("partner"));
        ingest = EmbeddedFtpServer.start("ingest", work.resolve("ingest"));
        Files.createDirectories(partner.home().resolve("outbox"));
    }

    @AfterAll
    static void stopServers() {
        if (partner != null) {
            partner.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("partner.port", () -> partner.port());
        registry.add("partner.username", () -> partner.user());
        registry.add("partner.password", () -> partner.password());
        registry.add("ingest.port", () -> ingest.port());
        registry.add("ingest.username", () -> ingest.user());
        registry.add("ingest.password", () -> ingest.password());
    }

    @Test
    void actuatorPrometheusShowsTheCompletedAndFailedTransfersTheBytesAndThePoolsOfTheRoutesEndpoint() throws Exception {
        Files.write(partner.home().resolve("outbox/report.bin"), new byte[1234]);
        producer.sendBodyAndHeader("direct:publish", null, Exchange.FILE_NAME, "report.bin");
        Exchange failed = producer.request("direct:publish", e -> e.getMessage().setHeader(Exchange.FILE_NAME, "missing.bin"));
        assertThat(failed.getException()).isNotNull();

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body().lines().filter(l -> l.startsWith("camel_ftp3p_transfers_total{")))
                .anyMatch(l -> l.contains("outcome=\"completed\"") && l.endsWith(" 1.0"))
                .anyMatch(l -> l.contains("outcome=\"failed\"") && l.contains("side=\"source\"")
                        && l.contains("reason=\"FtpReplyException\"") && l.endsWith(" 1.0"))
                .allMatch(l -> l.contains("camelContext=\"ftp3p-spring-boot\"") && l.contains("endpointName=\"ftp3p://copy?"));
        assertThat(scrape.body().lines()).anyMatch(l -> l.startsWith("camel_ftp3p_bytes_total{") && l.endsWith(" 1234.0"))
                .anyMatch(l -> l.startsWith("camel_ftp3p_transfer_duration_seconds_count{") && l.endsWith(" 1"))
                .anyMatch(l -> l.startsWith("camel_ftp3p_connections_idle{") && l.contains("side=\"target\""))
                .anyMatch(l -> l.startsWith("camel_ftp3p_connections_active{") && l.contains("side=\"source\""));
        assertThat(scrape.body()).doesNotContain(partner.password(), ingest.password());
    }
}
