package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** preserveLastModified against real servers: ProFTPD has MFMT, vsftpd has neither MFMT nor SITE UTIME. */
class TimestampsTest {

    private static final Instant WHEN = Instant.parse("2020-02-03T04:05:06Z");

    private Path work;
    private CamelContext camel;
    private Peer source;
    private Peer target;

    @BeforeEach
    void start() throws Exception {
        work = Files.createTempDirectory("ftp3p-mtime");
        camel = new DefaultCamelContext();
        camel.start();
        source = Peer.embedded(work.resolve("source"), false);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        source.close();
        if (target != null) {
            target.close();
        }
        FtpServerPair.deleteTree(work);
    }

    private Peer real(String kind) {
        return Peer.required(kind, work.resolve(kind), RealFtpServer.Options.defaults());
    }

    private Exchange copy(String name) throws Exception {
        Path original = source.home().resolve(name);
        FtpServerPair.writeRandom(original, 10_000, 1);
        Files.setLastModifiedTime(original, FileTime.from(WHEN));
        String uri = "ftp3p:copy?" + source.options("source") + "&" + target.options("target") + "&preserveLastModified=true";
        return camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
    }

    @Test
    void proftpdTakesTheSourcesModificationTimeThroughMfmt() throws Exception {
        target = real(RealFtpServer.PROFTPD);

        Exchange result = copy("dated.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.getLastModifiedTime(target.home().resolve("dated.bin")).toInstant()).isEqualTo(WHEN);
    }

    @Test
    void aTargetWithoutMfmtOrSiteUtimeStillGetsTheCopy() throws Exception {
        target = real(RealFtpServer.VSFTPD);

        Exchange result = copy("undated.bin");

        assertThat(result.getException()).isNull();
        assertThat(target.home().resolve("undated.bin")).hasSize(10_000);
        assertThat(Files.getLastModifiedTime(target.home().resolve("undated.bin")).toInstant()).isNotEqualTo(WHEN);
    }
}
