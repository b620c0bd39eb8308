package io.github.ftp3p.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TemporaryNameTest {

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aShortNameKeepsItsWholeNameBetweenThePrefixAndTheAttempt() {
        assertThat(TemporaryName.of(".ftp3p.", "in/report.csv", "0a1b2c3d")).isEqualTo("in/.ftp3p.report.csv.0a1b2c3d");
    }

    @Test
    void aNameOf250BytesIsShortenedToFit255BytesWithAHashOfTheWholeName() {
        String name = "x".repeat(250);

        String temp = TemporaryName.of(".ftp3p.", "in/" + name, "0a1b2c3d");

        String last = temp.substring("in/".length());
        assertThat(bytes(last)).isEqualTo(TemporaryName.NAME_MAX_BYTES);
        assertThat(last).startsWith(".ftp3p.xxx").contains("~").endsWith(".0a1b2c3d");
    }

    @Test
    void twoLongNamesThatStartAlikeGetDifferentTemporaryNames() {
        String common = "y".repeat(248);

        assertThat(TemporaryName.of(".ftp3p.", common + "-1", "0a1b2c3d"))
                .isNotEqualTo(TemporaryName.of(".ftp3p.", common + "-2", "0a1b2c3d"));
    }

    @Test
    void aLongNameIsCutBetweenCharactersNeverInsideOne() {
        String name = "é".repeat(127); // 254 bytes, two per character; an odd room forces a cut

        String temp = TemporaryName.of(".ftp3p", name, "0a1b2c3d");

        assertThat(bytes(temp)).isEqualTo(TemporaryName.NAME_MAX_BYTES - 1);
        assertThat(temp).matches("\\.ftp3p(é)+~[0-9a-f]{12}\\.0a1b2c3d");
    }

    @Test
    void eachNewAttemptIsEightHexDigitsAndTwoAreAlmostNeverEqual() {
        String first = TemporaryName.newAttempt();

        assertThat(first).matches("[0-9a-f]{8}");
        assertThat(TemporaryName.newAttempt()).isNotEqualTo(first);
    }
}
