package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * tempFileMaxAge on each Debian server: the listing must show the hidden temporary files (NLST -a), and MDTM
 * their times, for a stale one to be found.
 */
class StaleTemporaryFilesInteropTest {

    static final List<String> KINDS = RealFtpServer.KINDS;

    @RegisterExtension
    final InteropWork work = new InteropWork();

    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void aStaleTemporaryFileIsDeletedAndAFreshOneKept(String kind) throws Exception {
        try (Peer source = Peer.required(kind, work.resolve("source"), RealFtpServer.Options.defaults());
             Peer target = Peer.required(kind, work.resolve("target"), RealFtpServer.Options.defaults())) {
            Path stale = target.home().resolve(".ftp3p.left.csv.0123abcd");
            Path fresh = target.home().resolve(".ftp3p.running.csv.89abcdef");
            for (Path file : List.of(stale, fresh)) {
                Files.writeString(file, "partial");
                file.toFile().setWritable(true, false);
            }
            Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(5))));
            FtpServerPair.writeRandom(source.home().resolve("a.bin"), 1000, 1);

            Exchange result = work.camel().createProducerTemplate().request("ftp3p:copy?" + source.options("source") + "&"
                    + target.options("target") + "&tempFileMaxAge=1h", e -> e.getMessage().setHeader(Exchange.FILE_NAME, "a.bin"));

            assertThat(result.getException()).isNull();
            assertThat(stale).doesNotExist();
            assertThat(fresh).exists();
        }
    }
    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void aStaleTemporaryFileInASubdirectoryIsFoundToo(String kind) throws Exception {
        // Pure-FTPd refuses NLST -a of a subdirectory (550) but shows hidden names in MLSD.
        try (Peer source = Peer.required(kind, work.resolve("source"), RealFtpServer.Options.defaults());
             Peer target = Peer.required(kind, work.resolve("target"), RealFtpServer.Options.defaults())) {
            Path in = Files.createDirectories(target.home().resolve("in"));
            in.toFile().setWritable(true, false);
            Path stale = in.resolve(".ftp3p.left.csv.0123abcd");
            Files.writeString(stale, "partial");
            stale.toFile().setWritable(true, false);
            Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(5))));
            FtpServerPair.writeRandom(source.home().resolve("a.bin"), 1000, 1);

            Exchange result = work.camel().createProducerTemplate().request("ftp3p:copy?" + source.options("source") + "&"
                    + target.options("target") + "&tempFileMaxAge=1h", e -> {
                        e.getMessage().setHeader(Exchange.FILE_NAME, "a.bin");
                        e.getMessage().setHeader("CamelFtp3pTargetFileName", "in/a.bin");
                    });

            assertThat(result.getException()).isNull();
            assertThat(stale).doesNotExist();
            assertThat(in.resolve("a.bin")).exists();
        }
    }
}
