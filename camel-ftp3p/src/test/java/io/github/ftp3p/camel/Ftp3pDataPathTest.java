package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ftp3p.testing.CountingSocketFactory;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Ftp3pDataPathTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void theDataOfA64MiBCopyNeverCrossesTheCamelHost() throws Exception {
        Path original = servers.givenSourceFile("big.bin", 64L * 1024 * 1024);
        CountingSocketFactory sockets = new CountingSocketFactory();
        servers.camel().getRegistry().bind("countingSockets", sockets);

        Exchange result = servers.send(servers.uri("copy", "socketFactory=#countingSockets"), "big.bin");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("big.bin"))).isEqualTo(-1L);
        assertThat(sockets.socketsCreated()).isEqualTo(2);
        assertThat(sockets.total()).isPositive().isLessThan(16 * 1024);
    }
}
