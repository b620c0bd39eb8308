package io.github.ftp3p.example.springxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ClassPathXmlApplicationContext;

class SpringXmlExampleTest {

    @Test
    void theXmlRouteCopiesTheNamedFileFromThePartnerBeanToTheIngestBeanServerToServer(@TempDir Path work) throws Exception {
        try (EmbeddedFtpServer partner = EmbeddedFtpServer.start("partner", work.resolve("partner"));
             EmbeddedFtpServer ingest = EmbeddedFtpServer.start("ingest", work.resolve("ingest"));
             ClassPathXmlApplicationContext spring = SpringXmlExample.open(Map.of(
                     "partner.port", partner.port(), "partner.username", partner.user(),
                     "partner.password", partner.password(),
                     "ingest.port", ingest.port(), "ingest.username", ingest.user(),
                     "ingest.password", ingest.password()))) {
            byte[] report = new byte[300_000];
            new Random(7).nextBytes(report);
            Files.write(Files.createDirectories(partner.home().resolve("outbox")).resolve("report.csv"), report);

            Exchange result = SpringXmlExample.publish(spring.getBean(CamelContext.class), "report.csv");

            assertThat(result.getException()).isNull();
            assertThat(ingest.home().resolve("inbox/report.csv")).hasBinaryContent(report);
            assertThat(partner.home().resolve("outbox/report.csv")).exists();
            assertThat(result.getMessage().getHeaders()).containsEntry("CamelFileNameProduced", "inbox/report.csv")
                    .containsEntry("CamelFtp3pFileSize", (long) report.length)
                    .containsEntry("CamelFtp3pMode", "fxp")
                    .containsEntry("CamelFtp3pPassiveSide", "target");
            // The data went server to server: the partner was told to connect to the ingest server (PORT).
            assertThat(partner.commands()).anyMatch(c -> c.startsWith("PORT ")).contains("RETR outbox/report.csv");
            assertThat(ingest.commands()).contains("PASV").anyMatch(c -> c.startsWith("STOR inbox/.ftp3p.report.csv."));
        }
    }
}
