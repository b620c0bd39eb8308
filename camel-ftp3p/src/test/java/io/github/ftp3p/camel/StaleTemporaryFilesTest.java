package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** tempFileMaxAge: the temporary files a killed process left in a target directory, removed once old enough. */
class StaleTemporaryFilesTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private Path given(String name, Duration age) throws Exception {
        Path file = servers.targetFile(name);
        Files.writeString(file, "partial");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void temporaryFilesOlderThanTempFileMaxAgeAreDeletedAndNothingElse() throws Exception {
        Path stale = given(".ftp3p.report.csv.0123abcd", Duration.ofHours(3));
        Path fresh = given(".ftp3p.other.csv.89abcdef", Duration.ofMinutes(5));
        Path notOurs = given(".ftp3p.notes", Duration.ofHours(3));
        Path oldFile = given("report-2019.csv", Duration.ofDays(2000));
        servers.givenSourceFile("a.bin", 100);

        Exchange result = servers.send(servers.uri("copy", "tempFileMaxAge=1h"), "a.bin");

        assertThat(result.getException()).isNull();
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(notOurs).exists();
        assertThat(oldFile).exists();
        assertThat(servers.targetFile("a.bin")).hasSize(100);
    }

    @Test
    void aDirectoryIsLookedAtOncePerTempFileMaxAge() throws Exception {
        servers.givenSourceFile("a.bin", 100);
        servers.givenSourceFile("b.bin", 100);
        String uri = servers.uri("copy", "tempFileMaxAge=1h");

        servers.send(uri, "a.bin");
        Path stale = given(".ftp3p.late.csv.0123abcd", Duration.ofHours(3));
        servers.send(uri, "b.bin");

        assertThat(servers.target().commands()).filteredOn(c -> c.startsWith("NLST")).hasSize(1);
        assertThat(stale).exists();
    }

    @Test
    void withoutTempFileMaxAgeNothingIsListedOrDeleted() throws Exception {
        Path stale = given(".ftp3p.report.csv.0123abcd", Duration.ofDays(30));
        servers.givenSourceFile("a.bin", 100);

        Exchange result = servers.send(servers.uri("copy", ""), "a.bin");

        assertThat(result.getException()).isNull();
        assertThat(stale).exists();
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("NLST"));
    }

    @Test
    void aTempFileMaxAgeBelowTenMinutesIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> servers.camel().getEndpoint(servers.uri("copy", "tempFileMaxAge=5m")))
                .hasMessageContaining("Option 'tempFileMaxAge' must be 0 (off) or at least 10 minutes");
    }
}
