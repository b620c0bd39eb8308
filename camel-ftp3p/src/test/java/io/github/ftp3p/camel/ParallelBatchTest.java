package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A CamelFtp3pFileNames batch split over parallelTransfers lanes, each over its own pair of connections. */
class ParallelBatchTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private Exchange move(List<String> names) {
        return servers.camel().createProducerTemplate().request(servers.uri("move", "parallelTransfers=4"),
                e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names));
    }

    @Test
    void aBatchOverFourLanesMovesEveryFileOverFourPairsOfConnections() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            names.add("f" + i + ".bin");
            servers.givenSourceFile("f" + i + ".bin", 5000 + i);
        }

        Exchange result = move(names);

        assertThat(result.getException()).isNull();
        for (int i = 0; i < 24; i++) {
            assertThat(servers.targetFile("f" + i + ".bin")).hasSize(5000 + i);
            assertThat(servers.sourceFile("f" + i + ".bin")).doesNotExist();
        }
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILES_PRODUCED, List.class)).hasSize(24);
        assertThat(servers.source().commands()).filteredOn(c -> c.startsWith("USER")).hasSize(4);
    }

    @Test
    void aFailedFileStopsItsLaneOnlyAndTheExchangeNamesIt() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add("g" + i + ".bin");
            if (i != 1) {
                servers.givenSourceFile("g" + i + ".bin", 100 + i);
            }
        }

        Exchange result = move(names);

        assertThat(result.getException()).hasMessageContaining("Batch stopped at g1.bin").hasMessageContaining("SIZE");
        // Lanes of two files: g0-g1 stops at g1, the other three lanes move their files.
        for (int i = 2; i < 8; i++) {
            assertThat(servers.targetFile("g" + i + ".bin")).exists();
        }
        assertThat(servers.targetFile("g0.bin")).exists();
        assertThat(Files.exists(servers.targetFile("g1.bin"))).isFalse();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILES_PRODUCED, List.class)).hasSize(7);
    }
}
