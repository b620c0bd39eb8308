package io.github.ftp3p.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ftp3p.protocol.InvalidSettingException;
import io.github.ftp3p.protocol.UnsafeArgumentException;
import org.apache.camel.util.FileUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** doneFileName evaluated as camel-file's producer does (GenericFileEndpoint.createDoneFileName). */
class DoneFileNameTest {

    @Test
    void theNameAndTheNameWithoutExtensionAreReplacedInTheFilesDirectory() {
        assertThat(new DoneFileName("${file:name}.done").resolve("in/report.csv")).isEqualTo("in/report.csv.done");
        assertThat(new DoneFileName("${file:name.noext}.ready").resolve("report.tar.gz")).isEqualTo("report.tar.ready");
        assertThat(new DoneFileName("$simple{file:name}.ok").resolve("a.b")).isEqualTo("a.b.ok");
        assertThat(new DoneFileName("batch.done").resolve("x/y/a.csv")).isEqualTo("x/y/batch.done");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.tar.gz", "noext", ".hidden", "a.", "x..y", ".a.b", "..x", "a..", "é.txt"})
    void theExtensionIsStrippedAsCamelUtilStripsIt(String name) {
        assertThat(DoneFileName.stripExtension(name)).isEqualTo(FileUtil.stripExt(name, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${file:onlyname}.done", "${file:name.ext}", "${date:now:yyyy}.done",
            "${file:name}-${file:name}", "${header.x}"})
    void expressionsCamelFileCannotResolveAreRefusedWhenTheEndpointIsMade(String pattern) {
        assertThatThrownBy(() -> new DoneFileName(pattern)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("doneFileName").hasMessageContaining("${file:name}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../${file:name}", "done/${file:name}", "..\\x", "/abs.done"})
    void aDoneFileOutsideTheFilesDirectoryIsRefused(String pattern) {
        assertThatThrownBy(() -> new DoneFileName(pattern)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("doneFileName");
    }

    @Test
    void aControlCharacterIsRefused() {
        assertThatThrownBy(() -> new DoneFileName("a\r\nDELE b")).isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("doneFileName");
        assertThatThrownBy(() -> new DoneFileName("a\tb").resolve("f")).isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("doneFileName");
    }

    @Test
    void aDoneFileThatWouldBeTheFileItselfIsRefused() {
        assertThatThrownBy(() -> new DoneFileName("${file:name}").resolve("in/a.csv"))
                .isInstanceOf(UnsafeArgumentException.class).hasMessageContaining("the file itself");
        assertThatThrownBy(() -> new DoneFileName("${file:name.noext}").resolve("noext"))
                .isInstanceOf(UnsafeArgumentException.class).hasMessageContaining("the file itself");
    }

    @Test
    void aDoneFileNamedDotOrDotDotIsRefused() {
        assertThatThrownBy(() -> new DoneFileName("${file:name.noext}").resolve("..x"))
                .isInstanceOf(UnsafeArgumentException.class).hasMessageContaining("not a file name");
        assertThatThrownBy(() -> new DoneFileName("..").resolve("a"))
                .isInstanceOf(UnsafeArgumentException.class);
    }

    @Test
    void chmodMustBeThreeOrFourOctalDigits() {
        assertThat(new AfterRename("0640", null).chmod()).isEqualTo("0640");
        for (String bad : new String[] {"64", "12345", "648", "rw-r-----", "640 x", ""}) {
            assertThatThrownBy(() -> new AfterRename(bad, null)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("chmod").hasMessageContaining("'" + bad + "'");
        }
    }
}
