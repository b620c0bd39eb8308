package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Names of 250 bytes, near the 255 that most file systems allow (NAME_MAX), between two servers of each kind. The
 * temporary name (prefix, name, attempt) would exceed 255 bytes, and failed on every server before it was shortened.
 */
class LongNamesTest {

    static final List<String> KINDS = InteropMatrixTest.KINDS;

    @RegisterExtension
    final InteropWork work = new InteropWork();

    private Peer peer(String kind, String role) {
        return kind.equals(Peer.FTPSERVER) ? Peer.embedded(work.resolve(role), false)
                : Peer.required(kind, work.resolve(role), RealFtpServer.Options.defaults());
    }

    private static String longName(char fill) {
        return String.valueOf(fill).repeat(246) + ".bin";
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void aFileWithA250ByteNameIsMovedIntactAndLeavesNoTemporaryFile(String kind) throws Exception {
        try (Peer source = peer(kind, "source"); Peer target = peer(kind, "target")) {
            String name = longName('a');
            Path original = source.home().resolve(name);
            FtpServerPair.writeRandom(original, 70_000, 1);
            byte[] content = Files.readAllBytes(original);

            Exchange result = work.camel().createProducerTemplate().request(uri(source, target),
                    e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));

            assertThat(result.getException()).isNull();
            Path targetDir = target.home();
            assertThat(Files.readAllBytes(targetDir.resolve(name))).isEqualTo(content);
            assertThat(original).doesNotExist();
            assertThat(FtpServerPair.temporaryFiles(targetDir)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void aBatchOfFilesWith250ByteNamesIsMovedIntact(String kind) throws Exception {
        try (Peer source = peer(kind, "source"); Peer target = peer(kind, "target")) {
            List<String> names = List.of(longName('b'), longName('c'), longName('d'));
            for (int i = 0; i < names.size(); i++) {
                FtpServerPair.writeRandom(source.home().resolve(names.get(i)), 5_000 + i, i);
            }

            Exchange result = work.camel().createProducerTemplate().request(uri(source, target),
                    e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names));

            assertThat(result.getException()).isNull();
            Path targetDir = target.home();
            for (int i = 0; i < names.size(); i++) {
                assertThat(targetDir.resolve(names.get(i))).hasSize(5_000 + i);
            }
            assertThat(FtpServerPair.temporaryFiles(targetDir)).isEmpty();
        }
    }

    private static String uri(Peer source, Peer target) {
        return "ftp3p:move?" + source.options("source") + "&" + target.options("target");
    }
}
