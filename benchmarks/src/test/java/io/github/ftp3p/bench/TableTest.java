package io.github.ftp3p.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsTheFirstColumnLeftAndTheOthersRight() {
        String text = new Table("pair", "client", "wall s").row("ftpserver", "ftp3p", "1.25").row("vsftpd", "lftp", "10.50")
                .render();

        assertThat(text).isEqualTo("""
                pair       client  wall s
                ---------  ------  ------
                ftpserver   ftp3p    1.25
                vsftpd       lftp   10.50
                """);
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void showsUnknownNumbersAsADash() {
        assertThat(Table.number(-1, 2)).isEqualTo("-");
        assertThat(Table.number(Double.NaN, 2)).isEqualTo("-");
        assertThat(Table.number(0.0244, 3)).isEqualTo("0.024");
    }
}
