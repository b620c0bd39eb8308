package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import io.github.ftp3p.transfer.SyncSummary;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The listings of a tree level are sent together (vsftpd, which queues commands during a listing, gets them all
 * in one write; the others each PASV with its listing): a directory of mode 000 in the middle of the level, which
 * each server reports its own way, costs the target none of its files in it, and every other directory of the
 * level is mirrored.
 */
class SyncListingInteropTest {

    private static final int DIRECTORIES = 12;
    private static final String REFUSED = "d05";

    @RegisterExtension
    final InteropWork work = new InteropWork();

    static Stream<String> kinds() {
        // Apache FtpServer runs as root inside the test JVM, so no mode hides a directory from it.
        return SyncInteropTest.KINDS.stream().filter(kind -> !Peer.FTPSERVER.equals(kind));
    }

    @ParameterizedTest(name = "{0} as the source")
    @MethodSource("kinds")
    void aDirectoryTheSourceCannotReadAmongItsSiblingsKeepsItsTargetFilesUnderDeleteExtraneousAndTheOthersAreMirrored(String kind) throws Exception {
        Peer source = Peer.real(kind, work.resolve(kind + "-source"), RealFtpServer.Options.defaults()).orElse(null);
        assumeTrue(source != null, () -> RealFtpServer.unavailableReason(kind));
        work.track(source);
        Peer target = work.track(Peer.embedded(work.resolve("ftpserver-target"), false));
        Path from = Files.createDirectories(source.home().resolve("level"));
        for (int d = 0; d < DIRECTORIES; d++) {
            for (int f = 0; f < 3; f++) {
                FtpServerPair.writeRandom(from.resolve(String.format("d%02d/f%d.bin", d, f)), 500 + f, d * 10L + f);
            }
        }
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> p.toFile().setReadable(true, false));
        }
        Files.setPosixFilePermissions(from.resolve(REFUSED), PosixFilePermissions.fromString("---------"));
        Path to = target.home().resolve("mirror");
        FtpServerPair.writeRandom(to.resolve(REFUSED).resolve("f0.bin"), 77, 1);
        String uri = "ftp3p:sync?" + source.options("source").replaceFirst("(source=[^&]*?)/?(&|$)", "$1/level$2")
                + "&" + target.options("target").replaceFirst("(target=[^&]*?)/?(&|$)", "$1/mirror$2")
                + "&replyTimeout=10000&deleteExtraneous=true";

        Exchange result = work.camel().createProducerTemplate().request(uri, e -> { });

        SyncSummary summary = result.getMessage().getBody(SyncSummary.class);
        // However the server tells it (a refusal, a line no parser reads, an error line of ls in the listing;
        // pyftpdlib, running as root here, reads it), the directory is never taken for empty.
        assertThat(to.resolve(REFUSED).resolve("f0.bin")).as(kind + ": " + summary.entries()).exists();
        assertThat(summary.deleted()).as(kind).isZero();
        for (int d = 0; d < DIRECTORIES; d++) {
            String directory = String.format("d%02d", d);
            if (!directory.equals(REFUSED)) {
                for (String name : List.of("f0.bin", "f1.bin", "f2.bin")) {
                    assertThat(Files.mismatch(from.resolve(directory).resolve(name), to.resolve(directory).resolve(name)))
                            .as(kind + " " + directory + "/" + name).isEqualTo(-1L);
                }
            }
        }
    }
}
