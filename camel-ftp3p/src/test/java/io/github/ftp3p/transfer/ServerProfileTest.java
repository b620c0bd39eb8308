package io.github.ftp3p.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerProfileTest {

    /** Greetings as each server sends them by default. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "(vsFTPd 3.0.3); VSFTPD",
            "ProFTPD Server (ProFTPD) [127.0.0.1]; PROFTPD",
            "---------- Welcome to Pure-FTPd [privsep] ----------; PURE_FTPD",
            "Service ready for new user.; APACHE_FTPSERVER",
            "pyftpdlib 1.5.7 ready.; PYFTPDLIB",
            "localhost FTP server (Version 6.4/OpenBSD/Linux-ftpd-0.17) ready.; NETKIT_FTPD",
            "localhost FTP server (GNU inetutils 2.4) ready.; INETUTILS_FTPD",
            "Microsoft FTP Service; UNKNOWN" })
    void theSoftwareIsRecognisedFromItsGreeting(String text, ServerProfile.Software expected) {
        assertThat(ServerProfile.Software.fromGreeting(new FtpReply(220, List.of("220 " + text)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pyftpdlib 1.5.7 ready.| true| the target (pyftpdlib) as the passive side needs permit_foreign_addresses = True",
            "(vsFTPd 3.0.3)| false| the target (vsftpd) as the active side needs port_promiscuous=YES",
            "localhost FTP server (Version 6.4/OpenBSD/Linux-ftpd-0.17) ready.| false| the target (netkit ftpd) as the active side needs -P",
            "localhost FTP server (GNU inetutils 2.4) ready.| false| the target (GNU inetutils ftpd) cannot be the active side: it has no setting that allows a PORT to another host; make it the passive side (passiveSide=target)" })
    void theAdviceNamesTheSettingForTheRoleOrSaysThereIsNone(String greeting, boolean passive, String advice) {
        ServerProfile profile = new ServerProfile(Side.TARGET);
        profile.recognise(new FtpReply(220, List.of("220 " + greeting)));

        assertThat(profile.fxpAdvice(passive)).isEqualTo(advice);
    }

    @Test
    void aServerAnswersInOrderUntilSeenOtherwiseAndIsLearntOnce() {
        ServerProfile profile = new ServerProfile(Side.SOURCE);

        assertThat(profile.answersInOrder()).isTrue();
        assertThat(profile.learnOutOfOrder()).isTrue();
        assertThat(profile.learnOutOfOrder()).isFalse();
        assertThat(profile.answersInOrder()).isFalse();
    }
}
