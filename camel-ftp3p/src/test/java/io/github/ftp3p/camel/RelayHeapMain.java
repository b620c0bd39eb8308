package io.github.ftp3p.camel;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;

import io.github.ftp3p.protocol.AddressPolicy;
import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.ExtendedMode;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.TransferOptions;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.transfer.Fallback;
import io.github.ftp3p.transfer.FxpClient;
import io.github.ftp3p.transfer.FxpSettings;
import io.github.ftp3p.transfer.TransferRequest;
import io.github.ftp3p.transfer.TransferResult;

/**
 * Run in a JVM with a small heap by {@link RelayFallbackTest}: relays a file several times the heap between
 * two servers that refuse FXP, and prints the outcome. A relay that buffered the file would run out of memory.
 */
public final class RelayHeapMain {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        try (EmbeddedFtpServer source = EmbeddedFtpServer.start("source", root.resolve("source"), true);
             EmbeddedFtpServer target = EmbeddedFtpServer.start("target", root.resolve("target"), true)) {
            try (FileChannel file = FileChannel.open(source.home().resolve("big.bin"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                file.write(ByteBuffer.wrap(new byte[] { 7 }), size - 1);
            }
            ConnectionSettings connection = new ConnectionSettings(Duration.ofSeconds(5), Duration.ofSeconds(30),
                    new BoundSocketFactory("127.0.0.2"));
            FxpSettings defaults = FxpSettings.defaults(connection,
                    new TransferOptions(ExtendedMode.AUTO, AddressPolicy.PEER, Duration.ZERO));
            FxpSettings settings = new FxpSettings(defaults.passiveSide(), defaults.transfer(), connection, 2,
                    defaults.noopAfterIdle(), defaults.verification(), defaults.fileExist(), defaults.tempPrefix(), true,
                    false, defaults.progressInterval(), defaults.stallTimeout(), true, Fallback.RELAY);
            var executor = Executors.newCachedThreadPool();
            var scheduler = Executors.newSingleThreadScheduledExecutor();
            try (FxpClient client = new FxpClient(address(source), address(target), settings, executor, scheduler)) {
                TransferResult result = client.transfer(TransferRequest.copy("big.bin", "big.bin"));
                boolean identical = Files.mismatch(source.home().resolve("big.bin"), target.home().resolve("big.bin")) == -1;
                long maxHeap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
                System.out.println(result.mode() + (identical ? " identical " : " DIFFERENT ") + result.size()
                        + " bytes, heap limit " + maxHeap + " MiB");
            } finally {
                executor.shutdownNow();
                scheduler.shutdownNow();
            }
        }
    }

    private static FtpServerAddress address(EmbeddedFtpServer server) {
        return new FtpServerAddress("127.0.0.1", server.port(), server.user(), server.password(), "");
    }
}
