package io.github.ftp3p.example.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts two embedded FTP servers on 127.0.0.1 before Quarkus boots, hands their ports and credentials to the
 * application as configuration, and injects them into the test's {@link Servers} field.
 */
public class FtpServersResource implements QuarkusTestResourceLifecycleManager {

    /** The servers the application runs against, for the test to put files on and look at. */
    public record Servers(EmbeddedFtpServer partner, EmbeddedFtpServer ingest) {
    }

    private Path work;
    private Servers servers;

    @Override
    public Map<String, String> start() {
        try {
            work = Files.createTempDirectory("ftp3p-quarkus");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedFtpServer partner = EmbeddedFtpServer.start("partner", work.resolve("partner"));
        EmbeddedFtpServer ingest = EmbeddedFtpServer.start("ingest", work.resolve("ingest"));
        servers = new Servers(partner, ingest);
        return Map.of(
                "partner.host", partner.host(),
                "partner.port", String.valueOf(partner.port()),
                "partner.username", partner.user(),
                "partner.password", partner.password(),
                "ingest.host", ingest.host(),
                "ingest.port", String.valueOf(ingest.port()),
                "ingest.username", ingest.user(),
                "ingest.password", ingest.password());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(servers, new TestInjector.MatchesType(Servers.class));
    }

    @Override
    public void stop() {
        if (servers != null) {
            servers.partner().close();
            servers.ingest().close();
        }
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
