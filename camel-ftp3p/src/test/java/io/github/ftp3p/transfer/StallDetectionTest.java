package io.github.ftp3p.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.protocol.AddressPolicy;
import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.ExtendedMode;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.PassiveSide;
import io.github.ftp3p.protocol.TransferOptions;
import io.github.ftp3p.protocol.TransferStalledException;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.testing.FaultProxy;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol core without Camel: two clients sharing one executor and one single-threaded scheduler, as the
 * transfers of one endpoint do. A monitor whose polls hang on a silent server does not delay another one's
 * stall.
 */
class StallDetectionTest {

    @TempDir
    Path root;
    private EmbeddedFtpServer source;
    private EmbeddedFtpServer silentTarget;
    private FaultProxy silentProxy;
    private ScriptedFtpServer stuckTarget;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void start() throws Exception {
        source = EmbeddedFtpServer.start("source", root.resolve("source"));
        silentTarget = EmbeddedFtpServer.start("target", root.resolve("target"));
        silentProxy = FaultProxy.to(silentTarget.port());
        stuckTarget = ScriptedFtpServer.start();
        executor = Executors.newCachedThreadPool();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.shutdownNow();
        silentProxy.close();
        stuckTarget.close();
        source.close();
        silentTarget.close();
    }

    @Test
    void aMonitorWhosePollsHangOnASilentServerDoesNotDelayAnotherTransfersStall() throws Exception {
        source.throttle(1024 * 1024);
        FtpServerPair.writeRandom(source.home().resolve("big.bin"), 16L * 1024 * 1024, 1);
        Files.write(source.home().resolve("small.bin"), new byte[100_000]);
        // Accepts the data connection, then never reads from it: the target file stays empty.
        stuckTarget.on("STOR", (s, name) -> {
            s.acceptData(ScriptedFtpServer.DATA_TIMEOUT);
            s.reply("150 ok");
        });
        stuckTarget.on("SIZE", (s, name) -> s.reply("213 0"));
        silentProxy.silenceAfterReply("150");
        // Each poll of the silent target waits 10 s for a greeting that never comes.
        FtpServerAddress silent = new FtpServerAddress("127.0.0.1", silentProxy.port(), silentTarget.user(),
                silentTarget.password(), "");
        FtpServerAddress stuck = new FtpServerAddress("127.0.0.1", stuckTarget.port(), "bob", "x", "");

        try (FxpClient hanging = new FxpClient(address(source), silent, settings(Duration.ofSeconds(60)), executor, scheduler);
                FxpClient stalling = new FxpClient(address(source), stuck, settings(Duration.ofSeconds(1)), executor,
                        scheduler)) {
            CompletableFuture<TransferResult> held = CompletableFuture.supplyAsync(
                    () -> hanging.transfer(TransferRequest.copy("big.bin", "big.bin")), executor);
            await().atMost(Duration.ofSeconds(10)).until(silentProxy::silent);

            long started = System.nanoTime();
            assertThatThrownBy(() -> stalling.transfer(TransferRequest.copy("small.bin", "small.bin")))
                    .isInstanceOf(TransferStalledException.class);

            // stallTimeout (1 s) and slack, well under one hanging poll (10 s).
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            assertThat(held).isNotDone();
        }
    }

    private static FxpSettings settings(Duration stallTimeout) {
        ConnectionSettings connection = new ConnectionSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        FxpSettings defaults = FxpSettings.defaults(connection,
                new TransferOptions(ExtendedMode.AUTO, AddressPolicy.PEER, Duration.ZERO));
        return new FxpSettings(PassiveSide.TARGET, defaults.transfer(), connection, 4, defaults.noopAfterIdle(),
                defaults.verification(), defaults.fileExist(), defaults.tempPrefix(), true, false, Duration.ofMillis(100),
                stallTimeout, false, Fallback.NONE);
    }

    private static FtpServerAddress address(EmbeddedFtpServer server) {
        return new FtpServerAddress("127.0.0.1", server.port(), server.user(), server.password(), "");
    }
}
