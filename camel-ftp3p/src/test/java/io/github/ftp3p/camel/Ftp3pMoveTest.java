package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Ftp3pMoveTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void moveDeletesTheSourceOnlyAfterTheSizesMatch() throws Exception {
        Path original = servers.givenSourceFile("m.bin", 100_000);
        byte[] content = Files.readAllBytes(original);

        Exchange result = servers.send(servers.uri("move", ""), "m.bin");

        assertThat(result.getException()).isNull();
        assertThat(servers.sourceFile("m.bin")).doesNotExist();
        assertThat(Files.readAllBytes(servers.targetFile("m.bin"))).isEqualTo(content);
        assertThat(servers.source().commands()).containsSubsequence("SIZE outbox/m.bin", "RETR outbox/m.bin",
                "DELE outbox/m.bin");
        assertThat(servers.target().commands()).containsSubsequence("STOR inbox/" + FtpServerPair.temp("m.bin"), "SIZE inbox/" + FtpServerPair.temp("m.bin"),
                "RNFR inbox/" + FtpServerPair.temp("m.bin"), "RNTO inbox/m.bin");
    }

    @Test
    void moveKeepsTheSourceWhenTheTargetRefusesTheFile() throws Exception {
        Path original = servers.givenSourceFile("keep.bin", 1000);

        // The target directory does not exist and may not be created: the target refuses STOR with 550.
        Exchange result = servers.send(servers.uri("move", "autoCreate=false").replace("/inbox", "/missing-dir"), "keep.bin");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(io.github.ftp3p.protocol.Side.TARGET);
        assertThat(failure.getCode()).isBetween(500, 599);
        assertThat(original).exists().hasSize(1000);
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("DELE"));
    }
}
