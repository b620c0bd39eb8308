package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FtpServerAddressTest {

    @Test
    void parsesUserHostPortAndARelativeDirectory() {
        FtpServerAddress address = FtpServerAddress.parse("ftp://partner@host-a:2121/outbox/", null, "pw");

        assertThat(address).isEqualTo(new FtpServerAddress("host-a", 2121, "partner", "pw", "outbox"));
        assertThat(address.resolve("a.txt")).isEqualTo("outbox/a.txt");
    }

    @Test
    void twoSlashesMakeTheDirectoryAbsoluteAsInCamelFtp() {
        assertThat(FtpServerAddress.parse("ftp://host//srv/out", "u", "p").resolve("a")).isEqualTo("/srv/out/a");
    }

    @Test
    void defaultsToPort21AnonymousAndTheLoginDirectory() {
        FtpServerAddress address = FtpServerAddress.parse("ftp://host", null, null);

        assertThat(address.port()).isEqualTo(21);
        assertThat(address.user()).isEqualTo("anonymous");
        assertThat(address.resolve("a.txt")).isEqualTo("a.txt");
    }

    @Test
    void takesAnIpv6LiteralWithoutItsBrackets() {
        assertThat(FtpServerAddress.parse("ftp://u@[::1]:2121/d", null, "p").host()).isEqualTo("::1");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new FtpServerAddress("h", 21, "u", "s3cret", "d").toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesAnotherScheme() {
        assertThatThrownBy(() -> FtpServerAddress.parse("sftp://h/d", "u", "p")).hasMessageContaining("unknown scheme 'sftp'");
    }

    @Test
    void refusesADirectoryWithALineBreak() {
        assertThatThrownBy(() -> new FtpServerAddress("h", 21, "u", "p", "in\nbox"))
                .isInstanceOf(UnsafeArgumentException.class).hasMessageContaining("directory");
    }
}
