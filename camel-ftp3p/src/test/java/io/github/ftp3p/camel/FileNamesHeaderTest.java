package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How the CamelFtp3pFileNames header is read. Whether a trailing space then reaches the server is up to it:
 * Apache FtpServer trims the command lines it receives, so the end-to-end tests cannot show it there.
 */
class FileNamesHeaderTest {

    @Test
    void aTrailingSpaceIsKeptInAList() {
        assertThat(FileNamesHeader.names(List.of("x ", "a.txt"))).containsExactly("x ", "a.txt");
    }

    @Test
    void aCommaSeparatedStringIsSplitAtEachCommaAndTheSpacesRightAfterIt() {
        assertThat(FileNamesHeader.names("x ,a.txt, b.txt,  c.txt")).containsExactly("x ", "a.txt", "b.txt", "c.txt");
    }
}
