package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtpCommandTest {

    @Test
    void theWireLineIsTheVerbAndTheArgument() {
        assertThat(FtpCommand.of("RETR", "outbox/a b.txt").line()).isEqualTo("RETR outbox/a b.txt");
        assertThat(FtpCommand.of("PASV").line()).isEqualTo("PASV");
    }

    @Test
    void aPasswordIsMaskedWhenPrinted() {
        FtpCommand pass = FtpCommand.of("PASS", "s3cret");

        assertThat(pass.line()).isEqualTo("PASS s3cret");
        assertThat(pass).hasToString("PASS ****");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\rb", "a\nb", "a\0b", "x\r\nDELE y" })
    void anArgumentWithCrLfOrNulIsRefused(String argument) {
        assertThatThrownBy(() -> FtpCommand.of("STOR", argument))
                .isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("argument of STOR");
    }
}
