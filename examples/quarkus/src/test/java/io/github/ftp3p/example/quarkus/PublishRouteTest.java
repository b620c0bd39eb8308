package io.github.ftp3p.example.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Random;

import jakarta.inject.Inject;

import io.github.ftp3p.camel.Ftp3pEndpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/** Runs the application in JVM mode against the two embedded FTP servers of {@link FtpServersResource}. */
@QuarkusTest
@QuarkusTestResource(FtpServersResource.class)
class PublishRouteTest {

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelContext camelContext;

    FtpServersResource.Servers servers;

    @Test
    void aFileNamedByTheHeaderIsCopiedFromThePartnersOutboxToTheIngestInboxByteForByte() throws Exception {
        byte[] report = new byte[300 * 1024];
        new Random(42).nextBytes(report);
        Files.createDirectories(servers.partner().home().resolve("outbox"));
        Files.write(servers.partner().home().resolve("outbox/report.bin"), report);

        producer.sendBodyAndHeader("direct:publish", null, Exchange.FILE_NAME, "report.bin");

        assertThat(servers.ingest().home().resolve("inbox/report.bin")).hasBinaryContent(report);
        assertThat(servers.partner().home().resolve("outbox/report.bin")).as("copy leaves the source").exists();
        assertThat(servers.partner().commands()).contains("RETR outbox/report.bin");
    }

    @Test
    void theRoutesEndpointTakesTheComponentDefaultsFromApplicationProperties() {
        Endpoint routesEndpoint = camelContext.hasEndpoint(PublishRoute.ENDPOINT);

        assertThat(routesEndpoint).as("the endpoint the route created").isInstanceOf(Ftp3pEndpoint.class);
        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) routesEndpoint;
        assertThat(endpoint.getConfiguration().getMaxConnections()).isEqualTo(2);
        assertThat(endpoint.getConfiguration().getConnectTimeout()).isEqualTo(5000);
        assertThat(endpoint.getConfiguration().getReplyTimeout()).isEqualTo(20000);
    }
}
