package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.camel.Racers;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Two movers of one file at once between two Debian servers of each kind, which (unlike Apache FtpServer) rename
 * onto an existing file: the second rename replaces the first copy with its own verified one, and the second
 * mover then finds the source gone. Seen on vsftpd before per-exchange temporary names: 2 losses in 60 trials,
 * once a 0-byte final file reported OK.
 */
class RacingMoversTest {

    static final List<String> KINDS = RealFtpServer.KINDS;
    private static final int TRIALS = 6;

    @RegisterExtension
    final InteropWork work = new InteropWork();

    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void twoMoversOfOneFileLeaveItWholeAtTheTargetAndExactlyOneSucceeds(String kind) throws Exception {
        try (Peer source = Peer.required(kind, work.resolve("source"), RealFtpServer.Options.defaults());
             Peer target = Peer.required(kind, work.resolve("target"), RealFtpServer.Options.defaults())) {
            String uri = "ftp3p:move?" + source.options("source") + "&" + target.options("target");
            for (int trial = 0; trial < TRIALS; trial++) {
                String name = "race-" + trial + ".bin";
                Path original = source.home().resolve(name);
                FtpServerPair.writeRandom(original, 600_000, trial);
                byte[] content = Files.readAllBytes(original);

                List<Exchange> results = Racers.race(work.camel(), uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));

                assertThat(results.stream().filter(e -> e.getException() == null)).as("trial %d", trial).hasSize(1);
                assertThat(Files.readAllBytes(target.home().resolve(name))).as("trial %d", trial).isEqualTo(content);
                assertThat(original).doesNotExist();
                results.stream().filter(e -> e.getException() != null).forEach(e -> Racers.assertLostTheRace(e.getException()));
            }
            assertThat(FtpServerPair.temporaryFiles(target.home())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void twoBatchesMovingTheSameFilesLoseNoneOfThem(String kind) throws Exception {
        try (Peer source = Peer.required(kind, work.resolve("source"), RealFtpServer.Options.defaults());
             Peer target = Peer.required(kind, work.resolve("target"), RealFtpServer.Options.defaults())) {
            String uri = "ftp3p:move?" + source.options("source") + "&" + target.options("target");
            List<String> names = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "b" + i + ".bin";
                Path file = source.home().resolve(name);
                FtpServerPair.writeRandom(file, 50_000 + i, i);
                contents.add(Files.readAllBytes(file));
                names.add(name);
            }

            List<Exchange> results = Racers.race(work.camel(), uri, e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names));

            for (int i = 0; i < names.size(); i++) {
                Path from = source.home().resolve(names.get(i));
                Path to = target.home().resolve(names.get(i));
                assertThat(Files.exists(from) || Files.exists(to)).as(names.get(i)).isTrue();
                for (Path where : List.of(from, to)) {
                    if (Files.exists(where)) {
                        assertThat(Files.readAllBytes(where)).as(where.toString()).isEqualTo(contents.get(i));
                    }
                }
            }
            results.stream().filter(e -> e.getException() != null).forEach(e -> Racers.assertLostTheRace(e.getException()));
            assertThat(FtpServerPair.temporaryFiles(target.home())).isEmpty();
        }
    }
}
