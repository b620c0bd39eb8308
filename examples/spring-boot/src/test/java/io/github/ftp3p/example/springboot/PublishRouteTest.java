package io.github.ftp3p.example.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.github.ftp3p.camel.Ftp3pEndpoint;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the application against two embedded FTP servers on 127.0.0.1. They start in {@code @BeforeAll}, before
 * the Spring context, which reads their ports and passwords through {@code @DynamicPropertySource}.
 */
@SpringBootTest(properties = "logging.level.org.apache.ftpserver=warn")
class PublishRouteTest {

    @TempDir
    static Path work;

    static EmbeddedFtpServer partner;
    static EmbeddedFtpServer ingest;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camelContext;

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
    void aFileNamedByTheHeaderIsCopiedFromThePartnersOutboxToTheIngestInboxByteForByte() throws Exception {
        byte[] report = new byte[300 * 1024];
        new Random(42).nextBytes(report);
        Files.write(partner.home().resolve("outbox/report.bin"), report);

        producer.sendBodyAndHeader("direct:publish", null, Exchange.FILE_NAME, "report.bin");

        assertThat(ingest.home().resolve("inbox/report.bin")).hasBinaryContent(report);
        assertThat(partner.home().resolve("outbox/report.bin")).as("copy leaves the source").exists();
        assertThat(partner.commands()).contains("RETR outbox/report.bin");
    }

    @Test
    void theRoutesEndpointTakesTheComponentDefaultsFromApplicationYaml() {
        Endpoint routesEndpoint = camelContext.hasEndpoint(PublishRoute.ENDPOINT);

        assertThat(routesEndpoint).as("the endpoint the route created").isInstanceOf(Ftp3pEndpoint.class);
        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) routesEndpoint;
        assertThat(endpoint.getConfiguration().getMaxConnections()).isEqualTo(2);
        assertThat(endpoint.getConfiguration().getConnectTimeout()).isEqualTo(5000);
        assertThat(endpoint.getConfiguration().getReplyTimeout()).isEqualTo(20000);
    }
}
