package io.github.ftp3p.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.SameFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameFileTest {

    /** Names resolved from a table: ten-a and ten-b share 10.0.0.5; nothing is local but 127.0.0.0/8. */
    private static final SameFile TABLE = new SameFile(new SameFile.Hosts() {
        private final Map<String, List<String>> table = Map.of("ten-a", List.of("10.0.0.5", "10.0.0.6"),
                "ten-b", List.of("10.0.0.7", "10.0.0.5"), "ten-c", List.of("10.0.0.8"), "me", List.of("127.0.1.1"),
                "127.0.0.1", List.of("127.0.0.1"));

        @Override
        public List<InetAddress> addresses(String host) throws UnknownHostException {
            List<String> literal = table.get(host);
            if (literal == null) {
                throw new UnknownHostException(host);
            }
            return literal.stream().map(SameFileTest::address).toList();
        }

        @Override
        public boolean isLocal(InetAddress address) {
            return address.isLoopbackAddress();
        }
    });

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({ "outbox/a.txt, outbox/a.txt", "outbox//a.txt, outbox/./a.txt", "/outbox/a.txt, outbox/a.txt",
            "/srv/outbox/a.txt, outbox/a.txt", "outbox\\a.txt, outbox/a.txt", "/a.txt, a.txt", "//out/a.txt, /out/a.txt",
            "out/tmp/../a.txt, out/a.txt", "../shared/out/a.txt, /srv/shared/out/a.txt" })
    void pathsThatMayNameOneFileAreTheSame(String one, String other) {
        assertThat(SameFile.samePath(one, other)).isTrue();
        assertThat(SameFile.samePath(other, one)).isTrue();
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({ "outbox/a.txt, outbox/b.txt", "outbox/a.txt, inbox/a.txt", "/a.txt, x/a.txt", "/in/a.txt, /out/a.txt",
            "outbox/a.txt, 'outbox/a.txt '" })
    void pathsThatCannotNameOneFileAreNot(String one, String other) {
        assertThat(SameFile.samePath(one, other)).isFalse();
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({ "localhost, 127.0.0.1", "127.0.0.1, 127.0.0.2", "127.0.0.1, ::1", "HOST-A, host-a" })
    void hostsLocalToThisOneOrSpelledAlikeAreTheSame(String one, String other) {
        assertThat(SameFile.SYSTEM.sameHost(one, other)).isTrue();
    }

    @Test
    void hostNamesSharingAnAddressAreTheSame() {
        assertThat(TABLE.sameHost("ten-a", "ten-b")).isTrue();
    }

    @Test
    void hostNamesWithoutACommonAddressAreNot() {
        assertThat(TABLE.sameHost("ten-a", "ten-c")).isFalse();
    }

    @Test
    void aLocalNameAndALoopbackAddressAreTheSame() {
        assertThat(TABLE.sameHost("me", "127.0.0.1")).isTrue();
    }

    @Test
    void aNameThatDoesNotResolveIsNotTakenForAnother() {
        assertThat(TABLE.sameHost("nowhere", "ten-a")).isFalse();
    }

    @Test
    void theRefusalNamesBothFiles() {
        FtpServerAddress source = new FtpServerAddress("localhost", 2121, "u", "", "outbox");
        FtpServerAddress target = new FtpServerAddress("127.0.0.1", 2121, "v", "", "/outbox");

        assertThatThrownBy(() -> SameFile.SYSTEM.refuse(source, target, TransferRequest.copy("a.txt", "a.txt")))
                .isInstanceOf(SameFileException.class)
                .hasMessageContaining("The source ftp://u@localhost:2121/outbox/a.txt and the target "
                        + "ftp://v@127.0.0.1:2121//outbox/a.txt may be the same file");
    }

    @Test
    void theSamePathOnAnotherPortIsAnotherServer() {
        FtpServerAddress source = new FtpServerAddress("127.0.0.1", 2121, "u", "", "outbox");
        FtpServerAddress target = new FtpServerAddress("127.0.0.1", 2122, "u", "", "outbox");

        assertThatCode(() -> SameFile.SYSTEM.refuse(source, target, TransferRequest.copy("a.txt", "a.txt")))
                .doesNotThrowAnyException();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
