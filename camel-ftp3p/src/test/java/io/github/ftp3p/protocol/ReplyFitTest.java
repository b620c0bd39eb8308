package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyFitTest {

    private static boolean fits(String command, int code) {
        String[] parts = command.split(" ", 2);
        FtpCommand parsed = parts.length == 1 ? FtpCommand.of(parts[0]) : FtpCommand.of(parts[0], parts[1]);
        return ReplyFit.fits(parsed, new FtpReply(code, List.of(code + " text")));
    }

    /** pyftpdlib 1.5.7 answers PORT and RETR written together with 150, then 200. */
    @ParameterizedTest(name = "{0} answered {1}")
    @CsvSource(delimiter = ';', value = { "PORT 127,0,0,1,4,1; 150", "RETR a.bin; 200", "EPRT |1|127.0.0.1|1025|; 150" })
    void aReplyToTheNeighbouringCommandDoesNotFit(String command, int code) {
        assertThat(fits(command, code)).isFalse();
    }

    @ParameterizedTest(name = "{0} answered {1}")
    @CsvSource(delimiter = ';', value = { "SIZE a.bin; 227", "PASV; 213", "EPSV; 227", "DELE a.bin; 229", "MDTM a.bin; 250", "RNFR a.bin; 250", "DELE a.bin; 350", "RNTO b.bin; 150", "STOR a.bin; 213", "PASV; 200" })
    void aCodeThatAnswersAnotherKindOfCommandDoesNotFit(String command, int code) {
        assertThat(fits(command, code)).isFalse();
    }

    @ParameterizedTest(name = "{0} answered {1}")
    @CsvSource(delimiter = ';', value = { "PASV; 227", "EPSV; 229", "SIZE a.bin; 213", "MDTM a.bin; 213", "PORT 127,0,0,1,4,1; 200", "RETR a.bin; 150", "RETR a.bin; 226", "STOR a.bin; 125", "STOR a.bin; 250", "APPE a.bin; 226", "RNFR a.bin; 350", "RNTO b.bin; 250", "DELE a.bin; 250", "REST 100; 350", "USER u; 331", "PASS p; 230", "TYPE I; 200", "FEAT; 211", "MFMT 20260101000000 a.bin; 213", "NLST -a; 150", "MKD d; 257", "ABOR; 226", "STOR a.bin; 225" })
    void theRepliesEachCommandCanGetFit(String command, int code) {
        assertThat(fits(command, code)).isTrue();
    }

    @ParameterizedTest(name = "{0} answered {1}")
    @CsvSource(delimiter = ';', value = { "PORT 127,0,0,1,4,1; 500", "RETR a.bin; 550", "SIZE a.bin; 550", "PASV; 425", "STOR a.bin; 553", "RNFR a.bin; 450", "EPSV; 502" })
    void aRefusalFitsAnyCommand(String command, int code) {
        assertThat(fits(command, code)).isTrue();
    }
}
