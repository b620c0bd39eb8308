package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.ftp3p.protocol.ConcurrentTransferException;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two exchanges (two routes, or two nodes) moving the same file at once, between two Apache FtpServers, many
 * times over. Before each attempt had its own temporary name and a refused RNTO could lead to a DELE of the final
 * name, the loser deleted the winner's verified copy in 6 of 20 trials while the winner deleted the source.
 */
class ConcurrentMoversTest {

    private static final int TRIALS = 12;
    private static final int SIZE = 400_000;

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @ParameterizedTest(name = "{0} passive")
    @ValueSource(strings = { "target", "source" })
    void twoMoversOfOneFileLeaveItIntactAtTheTargetAndExactlyOneSucceeds(String passive) throws Exception {
        String uri = servers.uri("move", "passiveSide=" + passive);
        for (int trial = 0; trial < TRIALS; trial++) {
            String name = "race-" + trial + ".bin";
            byte[] original = Files.readAllBytes(servers.givenSourceFile(name, SIZE));

            List<Exchange> results = Racers.race(servers.camel(), uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));

            List<Exchange> succeeded = results.stream().filter(e -> e.getException() == null).toList();
            assertThat(succeeded).as("trial %d: exactly one mover succeeds", trial).hasSize(1);
            assertThat(Files.readAllBytes(servers.targetFile(name))).as("trial %d", trial).isEqualTo(original);
            assertThat(servers.sourceFile(name)).doesNotExist();
            Exchange loser = results.stream().filter(e -> e.getException() != null).findFirst().orElseThrow();
            Racers.assertLostTheRace(loser.getException());
        }
        assertThat(FtpServerPair.temporaryFiles(servers.targetFile("").getParent())).isEmpty();
    }

    @ParameterizedTest(name = "{0} passive")
    @ValueSource(strings = { "target", "source" })
    void twoBatchesMovingTheSameFilesLoseNoneOfThem(String passive) throws Exception {
        String uri = servers.uri("move", "passiveSide=" + passive);
        for (int trial = 0; trial < TRIALS / 2; trial++) {
            List<String> names = new ArrayList<>();
            List<byte[]> originals = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "batch-" + trial + "-" + i + ".bin";
                originals.add(Files.readAllBytes(servers.givenSourceFile(name, SIZE / 8 + i)));
                names.add(name);
            }

            List<Exchange> results = Racers.race(servers.camel(), uri, e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names));

            for (int i = 0; i < names.size(); i++) {
                Path source = servers.sourceFile(names.get(i));
                Path target = servers.targetFile(names.get(i));
                // Never lost: the file is whole where it ended up, and it is removed from the source only once whole
                // at the target.
                if (Files.exists(source)) {
                    assertThat(Files.readAllBytes(source)).as(names.get(i)).isEqualTo(originals.get(i));
                } else {
                    assertThat(Files.readAllBytes(target)).as(names.get(i)).isEqualTo(originals.get(i));
                }
                if (Files.exists(target)) {
                    assertThat(Files.readAllBytes(target)).as(names.get(i)).isEqualTo(originals.get(i));
                }
            }
            for (Exchange result : results) {
                if (result.getException() != null) {
                    Racers.assertLostTheRace(result.getException());
                }
            }
        }
        assertThat(FtpServerPair.temporaryFiles(servers.targetFile("").getParent())).isEmpty();
    }
    @Test
    void aFinalNameRemovedBetweenTheRefusedRenameAndTheLookAtItIsReportedAsARaceAndTheSourceKept() throws Exception {
        // Seen with Apache FtpServer, which refuses RNTO onto an existing file (553): the other transfer deleted the
        // file both had seen, to rename its own copy in, between this RNTO and this transfer's SIZE and MDTM.
        try (ScriptedFtpServer target = ScriptedFtpServer.start()) {
            target.put("inbox/x.bin", new byte[5]);
            target.on("RNTO", (s, arg) -> {
                s.store().remove("inbox/x.bin");
                s.reply("553 Can't rename file.");
            });
            servers.givenSourceFile("x.bin", 1000);
            String uri = "ftp3p:move?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                    + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + target.port()
                    + "/inbox&targetPassword=x&passiveSide=target";

            Exchange result = servers.send(uri, "x.bin");

            assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                    .hasCauseInstanceOf(ConcurrentTransferException.class)
                    .hasMessageContaining("removed by another transfer while this one ran");
            assertThat(servers.sourceFile("x.bin")).exists();
            assertThat(target.store().keySet()).noneMatch(name -> name.contains(".ftp3p."));
        }
    }
}
