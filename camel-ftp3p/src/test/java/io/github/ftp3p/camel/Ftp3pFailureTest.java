package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.UnsafeArgumentException;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Ftp3pFailureTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void aMissingSourceFileFailsOnTheSourceWith550AndLeavesNothingOnTheTarget() {
        Exchange result = servers.send(servers.uri("copy", ""), "no-such-file.bin");

        assertThat(result.getException()).isInstanceOf(GenericFileOperationFailedException.class);
        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(failure.getCode()).isEqualTo(550);
        assertThat(failure.getMessage()).contains("source", "no-such-file.bin", "550");
        assertThat(servers.targetFile("no-such-file.bin")).doesNotExist();
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR"));
    }

    @Test
    void aLineBreakInTheFileNameHeaderIsRefusedBeforeAnyCommandIsSent() {
        servers.givenSourceFile("a.txt", 10);

        Exchange result = servers.send(servers.uri("move", ""), "a.txt\r\nDELE outbox/a.txt");

        assertThat(result.getException()).isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("header CamelFileName").hasMessageContaining("CR");
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("RETR") || c.startsWith("DELE") || c.startsWith("SIZE"));
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR") || c.startsWith("DELE"));
        assertThat(servers.sourceFile("a.txt")).exists();
    }

    @Test
    void aNulInTheTargetFileNameHeaderIsRefusedBeforeAnyCommandIsSent() {
        servers.givenSourceFile("a.txt", 10);

        Exchange result = servers.camel().createProducerTemplate().request(servers.uri("copy", ""), e -> {
            e.getMessage().setHeader(Exchange.FILE_NAME, "a.txt");
            e.getMessage().setHeader(Ftp3pConstants.TARGET_FILE_NAME, "b\0.txt");
        });

        assertThat(result.getException()).isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining(Ftp3pConstants.TARGET_FILE_NAME).hasMessageContaining("NUL");
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR"));
    }

    @Test
    void anExchangeWithoutAFileNameFailsNamingTheHeaderAndTheOption() {
        Exchange result = servers.camel().createProducerTemplate().request(servers.uri("copy", ""), e -> { });

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelFileName").hasMessageContaining("fileName");
    }

    @Test
    void aWrongPasswordFailsTheLoginWithoutShowingThePassword() {
        servers.givenSourceFile("x", 1);
        String uri = servers.uri("copy", "").replace("RAW(" + servers.target().password() + ")", "RAW(wrong-s3cret)");

        Exchange result = servers.send(uri, "x");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCode()).isEqualTo(530);
        assertThat(failure.getCommand()).hasToString("PASS ****");
        assertThat(failure.getMessage()).doesNotContain("wrong-s3cret");
    }
}
