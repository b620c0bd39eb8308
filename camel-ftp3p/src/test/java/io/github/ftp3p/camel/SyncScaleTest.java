package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ftp3p.transfer.SyncSummary;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 files in 100 directories on the embedded pair: the work per file does not grow with the tree. Shown by
 * the commands each server gets per file, which is what a round trip costs; the time per file is printed, not
 * asserted (the benchmarks measure speed).
 */
class SyncScaleTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private record Run(int files, long commands, long millis) {
        double commandsPerFile() {
            return (double) commands / files;
        }
    }

    private Run syncTree(String name, int directories, int filesEach) throws Exception {
        Path root = servers.sourceFile(name);
        for (int d = 0; d < directories; d++) {
            Path directory = Files.createDirectories(root.resolve("d" + d));
            for (int f = 0; f < filesEach; f++) {
                Files.write(directory.resolve("f" + f + ".txt"), new byte[100 + f % 7]);
            }
        }
        long before = servers.source().commands().size() + servers.target().commands().size();
        long started = System.nanoTime();
        Exchange result = servers.camel().createProducerTemplate().request(
                servers.uri("sync", "parallelTransfers=4&maxConnections=5").replace("/outbox&", "/outbox/" + name + "&")
                        .replace("/inbox&", "/inbox/" + name + "&"), e -> { });
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(result.getException()).isNull();
        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        assertThat(summary.copied()).isEqualTo(directories * filesEach);
        long commands = servers.source().commands().size() + servers.target().commands().size() - before;
        return new Run(directories * filesEach, commands, millis);
    }

    @Test
    void tenThousandFilesInAHundredDirectoriesCostTheSameCommandsPerFileAsAThousand() throws Exception {
        Run small = syncTree("small", 10, 100);
        Run large = syncTree("large", 100, 100);

        System.out.printf("sync: %d files %.2f commands/file %.2f ms/file; %d files %.2f commands/file %.2f ms/file%n",
                small.files(), small.commandsPerFile(), (double) small.millis() / small.files(), large.files(),
                large.commandsPerFile(), (double) large.millis() / large.files());
        assertThat(large.commandsPerFile()).isCloseTo(small.commandsPerFile(),
                org.assertj.core.data.Percentage.withPercentage(5));
        try (var files = Files.list(servers.targetFile("large/d99"))) {
            assertThat(files.count()).isEqualTo(100);
        }
    }
}
