package io.github.ftp3p.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferCounterTest {

    @TempDir
    Path dir;

    private static final String RETR = "Wed Dec  2 18:00:00 2026 [pid 7] [ftp] FTP command: Client \"127.0.0.1\", \"RETR upload/bench/f-0001.bin\"\n";
    private static final String STOR = "Wed Dec  2 18:00:00 2026 [pid 8] [ftp] FTP command: Client \"127.0.0.1\", \"STOR upload/bench/f-0001.bin\"\n";
    private static final String OTHER = "Wed Dec  2 18:00:00 2026 [pid 8] [ftp] FTP response: Client \"127.0.0.1\", \"150 Ok to send data.\"\n"
            + "Wed Dec  2 18:00:00 2026 [pid 8] [ftp] FTP command: Client \"127.0.0.1\", \"LIST -a upload/bench\"\n";

    @Test
    void countsTheTransferCommandsOfVsftpdsProtocolLogsAcrossAppends() throws Exception {
        Path a = Files.writeString(dir.resolve("a.log"), RETR + OTHER);
        Path b = Files.writeString(dir.resolve("b.log"), STOR);
        TransferCounter counter = TransferCounter.vsftpdLogs(List.of(a, b));

        assertThat(counter.transfers()).isEqualTo(2);

        Files.writeString(a, OTHER + RETR.substring(0, 40), StandardOpenOption.APPEND);
        assertThat(counter.transfers()).isEqualTo(2); // the half-written line waits for its end

        Files.writeString(a, RETR.substring(40), StandardOpenOption.APPEND);
        assertThat(counter.transfers()).isEqualTo(3);
    }

    @Test
    void aTreeIsSpreadOverItsDirectoriesAndCheckedWhole() {
        TreeFixture tree = new TreeFixture(10, 4, 16);
        Path root = dir.resolve("tree");
        tree.write(root);

        tree.expectCopied(root);
        assertThat(TreeFixture.snapshot(root)).hasSize(10 + 3).containsKey("d03/");
        assertThat(TreeFixture.snapshot(root)).isEqualTo(TreeFixture.snapshot(root));
    }

    @Test
    void roundTripsPerFileAndPerDirectory() {
        Measurement fresh = new Measurement(52_000_000_000L, -1, -1, -1);
        Measurement rerun = new Measurement(2_400_000_000L, -1, -1, -1);
        TreeResult r = new TreeResult("vsftpd", 20, TreeResult.FTP3P, 1, 2000, 40, fresh,
                TreeResult.Spread.of(List.of(fresh)), rerun, TreeResult.Spread.of(List.of(rerun)), 0, 0, true, 4400);

        assertThat(r.roundTripsPerFile()).isEqualTo(1.3);
        assertThat(r.roundTripsPerDirectory()).isEqualTo(3.0);
        assertThat(r.rerunTransferredNothing()).isTrue();
    }
}
