package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathsTest {

    @ParameterizedTest
    @ValueSource(strings = { "..\\secret.txt", "a\\..\\..\\secret.txt", "a/..\\..", "..", "a/../b" })
    void aDotDotSegmentIsRefusedWhetherSplitAtSlashesOrAtBackslashes(String name) {
        assertThatThrownBy(() -> Paths.requireContained("header CamelFileName", name))
                .isInstanceOf(UnsafeArgumentException.class)
                .hasMessageStartingWith("header CamelFileName: must not contain a '..' segment");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/secret.txt", "\\secret.txt", "//srv/out/a.txt" })
    void aNameThatStartsAtTheRootIsRefused(String name) {
        assertThatThrownBy(() -> Paths.requireContained("moveSourceTo", name))
                .isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("must be relative to the endpoint's directory");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\tb.txt", "a\u001b[2Jb.txt", "a\u007fb.txt", "a\u0001" })
    void aControlCharacterInANameIsRefused(String name) {
        assertThatThrownBy(() -> Paths.requireContained("target file name", name))
                .isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("must not contain the control character U+00");
    }

    @ParameterizedTest
    @ValueSource(strings = { "x ", " x", "a\\b.txt", "..x", "x..", "2024/report.csv", "./a.txt", "caf\u00e9.txt" })
    void aNameThatStaysInTheDirectoryIsKeptAsWritten(String name) {
        assertThat(Paths.requireContained("header CamelFileName", name)).isSameAs(name);
    }

    @Test
    void segmentsSplitAtBackslashesAndDropEmptyAndDotSegments() {
        assertThat(Paths.segments("/out//a\\.\\b/./c.txt")).containsExactly("out", "a", "b", "c.txt");
    }

    @Test
    void segmentsResolveDotDotAgainstTheSegmentBeforeIt() {
        assertThat(Paths.segments("srv/tmp/../out/a.txt")).containsExactly("srv", "out", "a.txt");
        assertThat(Paths.segments("../out")).containsExactly("..", "out");
    }
}
