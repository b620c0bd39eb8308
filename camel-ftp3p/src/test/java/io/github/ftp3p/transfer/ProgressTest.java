package io.github.ftp3p.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.ftp3p.protocol.AddressPolicy;
import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.ExtendedMode;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.TransferListener;
import io.github.ftp3p.protocol.TransferOptions;
import io.github.ftp3p.protocol.TransferProgress;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol core without Camel: progress of a large transfer, as a listener sees it. */
class ProgressTest {

    private static final long SIZE = 256L * 1024 * 1024;

    @TempDir
    Path root;
    private EmbeddedFtpServer source;
    private EmbeddedFtpServer target;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void start() {
        source = EmbeddedFtpServer.start("source", root.resolve("source"));
        target = EmbeddedFtpServer.start("target", root.resolve("target"));
        executor = Executors.newCachedThreadPool();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.shutdownNow();
        source.close();
        target.close();
    }

    @Test
    void progressEventsArriveDuringA256MiBTransferAndReach100Percent() throws Exception {
        // Half the speed of an unthrottled loopback copy, so that the polls see the file grow.
        source.throttle(128 * 1024 * 1024);
        Path file = source.home().resolve("big.bin");
        try (var channel = Files.newByteChannel(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.position(SIZE - 1);
            channel.write(java.nio.ByteBuffer.wrap(new byte[] { 1 }));
        }
        List<TransferProgress> seen = new CopyOnWriteArrayList<>();
        List<String> calls = new CopyOnWriteArrayList<>();
        TransferListener listener = new TransferListener() {
            @Override
            public void started(String sourcePath, String targetPath, long size) {
                calls.add("started " + size);
            }

            @Override
            public void progress(TransferProgress progress) {
                seen.add(progress);
            }

            @Override
            public void finished(TransferProgress last) {
                seen.add(last);
                calls.add("finished " + last.percent());
            }
        };
        ConnectionSettings connection = new ConnectionSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        FxpSettings defaults = FxpSettings.defaults(connection,
                new TransferOptions(ExtendedMode.AUTO, AddressPolicy.PEER, Duration.ZERO));
        FxpSettings settings = new FxpSettings(defaults.passiveSide(), defaults.transfer(), connection, 4,
                defaults.noopAfterIdle(), defaults.verification(), defaults.fileExist(), defaults.tempPrefix(), true, false,
                Duration.ofMillis(50), defaults.stallTimeout(), true, Fallback.NONE);

        try (FxpClient client = new FxpClient(server(source, ""), server(target, ""), settings, executor, scheduler)) {
            TransferResult result = client.transfer(TransferRequest.copy("big.bin", "big.bin").withListener(listener));

            assertThat(result.size()).isEqualTo(SIZE);
        }

        assertThat(calls).containsExactly("started " + SIZE, "finished 100");
        assertThat(seen).hasSizeGreaterThan(3);
        assertThat(seen).extracting(TransferProgress::bytes).isSorted();
        assertThat(seen.subList(0, seen.size() - 1)).anyMatch(p -> p.percent() > 0 && p.percent() < 100);
        assertThat(seen.get(seen.size() - 1).percent()).isEqualTo(100);
        assertThat(Files.size(target.home().resolve("big.bin"))).isEqualTo(SIZE);
    }

    private static FtpServerAddress server(EmbeddedFtpServer server, String directory) {
        return new FtpServerAddress("127.0.0.1", server.port(), server.user(), server.password(), directory);
    }
}
