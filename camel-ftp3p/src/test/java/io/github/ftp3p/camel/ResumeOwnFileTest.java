package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The temporary name is unique per exchange and kept on it (CamelFtp3pAttempt): a redelivery of the exchange
 * resumes its own partial file, and another exchange moving the same file neither resumes nor removes it.
 */
class ResumeOwnFileTest {

    private static final int SIZE = 1_000_000;
    private static final int PARTIAL = 300_000;

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    /** A source file, and what an earlier, broken attempt of exchange {@code attempt} left of it on the target. */
    private Path givenPartialTemporaryFile(String attempt) throws Exception {
        byte[] original = Files.readAllBytes(servers.givenSourceFile("big.bin", SIZE));
        Path partial = servers.targetFile(".ftp3p.big.bin." + attempt);
        Files.write(partial, Arrays.copyOf(original, PARTIAL));
        return partial;
    }

    private Exchange send(String attempt, boolean redelivered) {
        return servers.camel().createProducerTemplate().request(servers.uri("move", ""), e -> {
            e.getMessage().setHeader(Exchange.FILE_NAME, "big.bin");
            e.getMessage().setHeader(Exchange.REDELIVERED, redelivered);
            e.setProperty(Ftp3pConstants.ATTEMPT, attempt);
        });
    }

    @Test
    void aRedeliveryOfTheSameExchangeResumesItsOwnPartialFile() throws Exception {
        givenPartialTemporaryFile("0a0b0c0d");
        byte[] original = Files.readAllBytes(servers.sourceFile("big.bin"));

        Exchange result = send("0a0b0c0d", true);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.RESUMED_FROM, Long.class)).isEqualTo(PARTIAL);
        assertThat(servers.source().commands()).contains("REST " + PARTIAL);
        assertThat(Files.readAllBytes(servers.targetFile("big.bin"))).isEqualTo(original);
        assertThat(FtpServerPair.temporaryFiles(servers.targetFile("big.bin").getParent())).isEmpty();
    }

    @Test
    void anotherExchangeNeitherResumesNorRemovesThePartialFileOfAnother() throws Exception {
        Path others = givenPartialTemporaryFile("0a0b0c0d");
        byte[] original = Files.readAllBytes(servers.sourceFile("big.bin"));

        Exchange result = send("1a1b1c1d", true);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.RESUMED_FROM, Long.class)).isZero();
        assertThat(Files.readAllBytes(servers.targetFile("big.bin"))).isEqualTo(original);
        assertThat(others).hasSize(PARTIAL);
    }
}
