package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CamelFileLength, which camel-ftp and camel-file set, carries the copy's size next to CamelFtp3pFileSize. */
class FileLengthHeaderTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void aCopySetsCamelFileLengthToTheVerifiedSizeLikeCamelFtp3pFileSize() {
        servers.givenSourceFile("report.csv", 12_345);

        Exchange result = servers.send(servers.uri("copy", ""), "report.csv");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Exchange.FILE_LENGTH)).isEqualTo(12_345L);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILE_SIZE)).isEqualTo(12_345L);
    }

    @Test
    void aBatchSetsCamelFileLengthToTheSumOfItsFilesLikeCamelFtp3pFileSize() {
        servers.givenSourceFile("a.csv", 1_000);
        servers.givenSourceFile("b.csv", 2_000);

        Exchange result = servers.camel().createProducerTemplate().request(servers.uri("copy", ""),
                e -> e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, List.of("a.csv", "b.csv")));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Exchange.FILE_LENGTH)).isEqualTo(3_000L);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILE_SIZE)).isEqualTo(3_000L);
    }
}
