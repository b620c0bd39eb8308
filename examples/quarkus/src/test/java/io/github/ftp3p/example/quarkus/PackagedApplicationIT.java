package io.github.ftp3p.example.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that quarkus-maven-plugin packages (target/quarkus-app/quarkus-run.jar), run as a user would run it
 * against real servers: its own JVM, the servers given as system properties, the files to copy as arguments.
 * Run by failsafe after the package phase.
 */
class PackagedApplicationIT {

    private static final Path APPLICATION = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @TempDir
    Path work;

    private EmbeddedFtpServer partner;
    private EmbeddedFtpServer ingest;

    @BeforeEach
    void startServers() throws Exception {
        partner = EmbeddedFtpServer.start("partner", work.resolve("partner"));
        ingest = EmbeddedFtpServer.start("ingest", work.resolve("ingest"));
        Files.createDirectories(partner.home().resolve("outbox"));
    }

    @AfterEach
    void stopServers() {
        partner.close();
        ingest.close();
    }

    private Process run(Path log, String fileNames) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dpartner.host=" + partner.host(), "-Dpartner.port=" + partner.port(),
                "-Dpartner.username=" + partner.user(), "-Dingest.host=" + ingest.host(),
                "-Dingest.port=" + ingest.port(), "-Dingest.username=" + ingest.user(),
                "-Dpublish.files=" + fileNames, "-Dquarkus.http.port=0",
                "-jar", APPLICATION.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The passwords through the environment, as the docs say to give them.
        builder.environment().put("PARTNER_PASSWORD", partner.password());
        builder.environment().put("INGEST_PASSWORD", ingest.password());
        return builder.start();
    }

    private static int exitCode(Process process) throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not exit within 120 s");
        }
        return process.exitValue();
    }

    @Test
    void thePackagedApplicationCopiesTheFilesItsPropertiesNameBetweenTheServersTheyNameAndExits()
            throws Exception {
        assertThat(APPLICATION).as("packaged by quarkus-maven-plugin in the package phase").isRegularFile();
        byte[] report = new byte[64 * 1024];
        new Random(7).nextBytes(report);
        Files.write(partner.home().resolve("outbox/report.bin"), report);
        Path log = work.resolve("application.log");

        int exit = exitCode(run(log, "report.bin"));

        assertThat(exit).as("exit code; log:%n%s", Files.readString(log)).isZero();
        assertThat(ingest.home().resolve("inbox/report.bin")).hasBinaryContent(report);
        assertThat(Files.readString(log)).contains("report.bin -> inbox/report.bin: 65536 bytes")
                .doesNotContain(partner.password(), ingest.password());
    }

    @Test
    void aFileTheSourceDoesNotHaveEndsTheApplicationWithAFailureExitCode() throws Exception {
        Path log = work.resolve("application.log");

        int exit = exitCode(run(log, "missing.bin"));

        assertThat(exit).as("exit code; log:%n%s", Files.readString(log)).isEqualTo(1);
        assertThat(Files.readString(log)).contains("missing.bin was not copied");
        assertThat(new File(ingest.home().toFile(), "inbox/missing.bin")).doesNotExist();
    }
}
