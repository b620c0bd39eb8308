package io.github.ftp3p.example.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Random;

import io.github.ftp3p.camel.Ftp3pEndpoint;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlExampleTest {

    @TempDir
    Path work;
    EmbeddedFtpServer partner;
    EmbeddedFtpServer ingest;
    Main main;

    @BeforeEach
    void startServers() {
        partner = EmbeddedFtpServer.start("partner", work.resolve("partner"));
        ingest = EmbeddedFtpServer.start("ingest", work.resolve("ingest"));
    }

    /** Starts Camel Main with the servers' ports and credentials, and {@code ingestPassword} for the ingest user. */
    private Main startMain(String ingestPassword) throws Exception {
        main = YamlExample.start(Map.of(
                "partner.port", String.valueOf(partner.port()), "partner.username", partner.user(),
                "partner.password", partner.password(),
                "ingest.port", String.valueOf(ingest.port()), "ingest.username", ingest.user(),
                "ingest.password", ingestPassword));
        return main;
    }

    @AfterEach
    void stopCamelMainAndServers() throws Exception {
        if (main != null) {
            main.stop();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (partner != null) {
            partner.close();
        }
    }

    @Test
    void theYamlRouteCopiesTheNamedFileBetweenTheServersDefinedAsCamelBeansProperties() throws Exception {
        byte[] report = new byte[300_000];
        new Random(7).nextBytes(report);
        Files.write(Files.createDirectories(partner.home().resolve("outbox")).resolve("report.csv"), report);

        startMain(ingest.password());

        Exchange result = YamlExample.publish(main.getCamelContext(), "report.csv");

        assertThat(result.getException()).isNull();
        assertThat(ingest.home().resolve("inbox/report.csv")).hasBinaryContent(report);
        assertThat(partner.home().resolve("outbox/report.csv")).exists();
        assertThat(result.getMessage().getHeaders()).containsEntry("CamelFileNameProduced", "inbox/report.csv")
                .containsEntry("CamelFtp3pFileSize", (long) report.length)
                .containsEntry("CamelFtp3pMode", "fxp");
        assertThat(partner.commands()).anyMatch(c -> c.startsWith("PORT ")).contains("RETR outbox/report.csv");
    }

    @Test
    void theComponentDefaultsFromApplicationPropertiesReachTheEndpoint() throws Exception {
        CamelContext camel = startMain(ingest.password()).getCamelContext();

        assertThat(camel.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith("ftp3p:"))
                .singleElement()
                .satisfies(e -> {
                    var configuration = ((Ftp3pEndpoint) e).getConfiguration();
                    assertThat(configuration.getMaxConnections()).isEqualTo(8);
                    assertThat(configuration.getReplyTimeout()).isEqualTo(20_000L);
                });
    }

    @Test
    void theProducerHealthCheckIsUpWhenBothServersAcceptALogin() throws Exception {
        startMain(ingest.password());
        partner.clearRecords();
        ingest.clearRecords();

        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(main.getCamelContext(), "full");

        assertThat(results).filteredOn(r -> r.getCheck().getId().startsWith("producer:ftp3p"))
                .singleElement()
                .satisfies(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.UP));
        assertThat(partner.loginCount()).isEqualTo(1);
        assertThat(ingest.loginCount()).isEqualTo(1);
    }

    @Test
    void theProducerHealthCheckIsDownNamingTheTargetWhenTheIngestServerRefusesTheLogin() throws Exception {
        startMain("not-" + ingest.password());

        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(main.getCamelContext(), "full");

        assertThat(results).filteredOn(r -> r.getCheck().getId().startsWith("producer:ftp3p"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
                    assertThat(r.getDetails()).containsEntry("failed.side", "target");
                    assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("PASS ****", "530")
                            .doesNotContain(ingest.password()));
                });
    }
}
