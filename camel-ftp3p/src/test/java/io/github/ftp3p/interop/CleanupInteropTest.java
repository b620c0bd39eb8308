package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * ftp3p:cleanup on each Debian server: its subdirectories must come from MLSD or LIST, the hidden temporary names
 * from NLST -a, and their times from MDTM, for the files a dead node left to be found below the target directory.
 */
class CleanupInteropTest {

    static final List<String> KINDS = RealFtpServer.ALL_KINDS;

    @RegisterExtension
    final InteropWork work = new InteropWork();

    private static Path left(Path file, Duration age) throws Exception {
        Files.createDirectories(file.getParent());
        file.getParent().toFile().setWritable(true, false);
        Files.writeString(file, "partial");
        file.toFile().setWritable(true, false);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void theTemporaryFilesOldEnoughAreDeletedAtEveryLevelAndTheRestKept(String kind) throws Exception {
        try (Peer target = Peer.required(kind, work.resolve("target"), RealFtpServer.Options.defaults())) {
            Path top = left(target.home().resolve(".ftp3p.top.csv.0123abcd"), Duration.ofHours(5));
            Path deep = left(target.home().resolve("in/deeper/.ftp3p.deep.csv.456789ab"), Duration.ofHours(5));
            Path fresh = left(target.home().resolve("in/.ftp3p.running.csv.89abcdef"), Duration.ZERO);
            Path other = left(target.home().resolve("in/deeper/deep.csv"), Duration.ofHours(5));

            Exchange result = work.camel().createProducerTemplate().request("ftp3p:cleanup?" + target.options("target")
                    + "&tempFileMaxAge=1h", e -> { });

            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getBody(List.class)).hasSize(2);
            assertThat(top).doesNotExist();
            assertThat(deep).doesNotExist();
            assertThat(fresh).exists();
            assertThat(other).exists();
        }
    }
}
