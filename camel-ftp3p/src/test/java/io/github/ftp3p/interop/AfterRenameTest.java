package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.testing.RealFtpServer;
import io.github.ftp3p.transfer.AfterRenameException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * chmod, doneFileName, targetSiteCommand and targetAccount against real targets (Apache FtpServer as the source):
 * ProFTPD has SITE CHMOD (mod_site); vsftpd never lets an anonymous user use it (chmod_enable applies to local users
 * only), which is the refusal.
 */
class AfterRenameTest {

    private Path work;
    private CamelContext camel;
    private Peer source;
    private Peer target;

    @BeforeEach
    void start() throws Exception {
        work = Files.createTempDirectory("ftp3p-after-rename");
        camel = new DefaultCamelContext();
        camel.start();
        source = Peer.embedded(work.resolve("source"), false);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        source.close();
        if (target != null) {
            target.close();
        }
        FtpServerPair.deleteTree(work);
    }

    private Peer real(String kind) {
        return Peer.required(kind, work.resolve(kind), RealFtpServer.Options.defaults());
    }

    private Exchange send(String operation, String name, String options) throws Exception {
        FtpServerPair.writeRandom(source.home().resolve(name), 10_000, 1);
        String uri = "ftp3p:" + operation + "?" + source.options("source") + "&" + target.options("target") + "&" + options;
        return camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
    }

    private Path onTarget(String name) {
        return target.home().resolve(name);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void proftpdGivesTheCopyTheModeChmodAsks() throws Exception {
        target = real(RealFtpServer.PROFTPD);

        Exchange result = send("copy", "private.bin", "chmod=640");

        assertThat(result.getException()).isNull();
        assertThat(onTarget("private.bin")).hasSize(10_000);
        assertThat(mode(onTarget("private.bin"))).isEqualTo("rw-r-----");
    }

    @Test
    void proftpdGetsAnEmptyDoneFileNextToTheCopy() throws Exception {
        target = real(RealFtpServer.PROFTPD);

        Exchange result = send("copy", "report.csv", "doneFileName=RAW(${file:name.noext}.done)");

        assertThat(result.getException()).isNull();
        assertThat(onTarget("report.csv")).hasSize(10_000);
        assertThat(onTarget("report.done")).exists().isEmptyFile();
    }

    @Test
    void aMoveDeletesItsSourceOnlyOnceTheModeAndTheDoneFileAreThere() throws Exception {
        target = real(RealFtpServer.PROFTPD);

        Exchange result = send("move", "moved.csv", "chmod=0600&doneFileName=RAW(${file:name}.done)");

        assertThat(result.getException()).isNull();
        assertThat(source.home().resolve("moved.csv")).doesNotExist();
        assertThat(mode(onTarget("moved.csv"))).isEqualTo("rw-------");
        assertThat(onTarget("moved.csv.done")).exists().isEmptyFile();
    }

    @Test
    void vsftpdRefusingSiteChmodFailsTheMoveButKeepsTheVerifiedCopyAndTheSource() throws Exception {
        target = real(RealFtpServer.VSFTPD);

        Exchange result = send("move", "kept.bin", "chmod=640&doneFileName=RAW(${file:name}.done)");

        assertThat(result.getException()).hasMessageContaining("chmod").hasMessageContaining("SITE CHMOD 640");
        AfterRenameException failure = (AfterRenameException) result.getException().getCause();
        assertThat(failure.option()).isEqualTo("chmod");
        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertThat(failure.command().line()).isEqualTo("SITE CHMOD 640 " + target.directory() + "/kept.bin");
        assertThat(failure.replyCode()).isEqualTo(550);
        assertThat(onTarget("kept.bin")).hasSize(10_000);
        assertThat(source.home().resolve("kept.bin")).hasSize(10_000);
        assertThat(onTarget("kept.bin.done")).doesNotExist();
    }

    @Test
    void aDoneFileProftpdRefusesFailsTheMoveNamingTheOptionAndKeepsTheCopyAndTheSource() throws Exception {
        target = real(RealFtpServer.PROFTPD);
        // A directory where the done file should go: STOR onto it is refused.
        Files.createDirectories(onTarget("blocked.csv.done"));

        Exchange result = send("move", "blocked.csv", "doneFileName=RAW(${file:name}.done)");

        assertThat(result.getException()).hasMessageContaining("doneFileName");
        AfterRenameException failure = (AfterRenameException) result.getException().getCause();
        assertThat(failure.option()).isEqualTo("doneFileName");
        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertThat(failure.command().line()).isEqualTo("STOR blocked.csv.done");
        assertThat(failure.reply().isNegative()).isTrue();
        assertThat(onTarget("blocked.csv")).hasSize(10_000);
        assertThat(source.home().resolve("blocked.csv")).hasSize(10_000);
    }

    @Test
    void vsftpdTakesAnEmptyDoneFileThroughADataConnectionFromCamel() throws Exception {
        target = real(RealFtpServer.VSFTPD);

        Exchange result = send("copy", "plain.bin", "doneFileName=ready");

        assertThat(result.getException()).isNull();
        assertThat(onTarget("plain.bin")).hasSize(10_000);
        assertThat(onTarget("ready")).exists().isEmptyFile();
    }

    @Test
    void aTargetSiteCommandIsSentAfterLogin() throws Exception {
        target = real(RealFtpServer.PROFTPD);
        // Copied first, so that the marker belongs to ProFTPD's session user, who may chmod it.
        assertThat(send("copy", "marker.txt", "chmod=644").getException()).isNull();
        Path marker = onTarget("marker.txt");

        Exchange result = send("copy", "after-site.bin", "targetSiteCommand=CHMOD+600+marker.txt%0AHELP");

        assertThat(result.getException()).isNull();
        assertThat(onTarget("after-site.bin")).hasSize(10_000);
        assertThat(mode(marker)).isEqualTo("rw-------");
    }

    @Test
    void aRefusedTargetSiteCommandFailsBeforeTheTargetIsWritten() throws Exception {
        target = real(RealFtpServer.PROFTPD);

        Exchange result = send("copy", "never.bin", "targetSiteCommand=NOSUCHTHING");

        assertThat(result.getException()).hasMessageContaining("targetSiteCommand").hasMessageContaining("SITE NOSUCHTHING");
        FtpReplyException failure = (FtpReplyException) result.getException().getCause();
        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertThat(failure.reply().isNegative()).isTrue();
        assertThat(onTarget("never.bin")).doesNotExist();
    }

    @Test
    void anAccountIsHarmlessForAServerThatAnswersPassWith230() throws Exception {
        target = real(RealFtpServer.PROFTPD);

        Exchange result = send("copy", "no-acct.bin", "targetAccount=acme");

        assertThat(result.getException()).isNull();
        assertThat(onTarget("no-acct.bin")).hasSize(10_000);
    }

    @Test
    void aSyncGivesEveryCopiedFileItsModeAndDoneFile() throws Exception {
        target = real(RealFtpServer.PROFTPD);
        FtpServerPair.writeRandom(source.home().resolve("tree/a.csv"), 1000, 2);
        FtpServerPair.writeRandom(source.home().resolve("tree/sub/b.csv"), 2000, 3);
        String uri = "ftp3p:sync?" + source.options("source") + "&sourceDirectory=tree&" + target.options("target")
                + "&chmod=600&doneFileName=RAW(${file:name}.done)";

        Exchange result = camel.createProducerTemplate().request(uri, e -> { });

        assertThat(result.getException()).isNull();
        assertThat(mode(onTarget("a.csv"))).isEqualTo("rw-------");
        assertThat(onTarget("a.csv.done")).exists().isEmptyFile();
        assertThat(mode(onTarget("sub/b.csv"))).isEqualTo("rw-------");
        assertThat(onTarget("sub/b.csv.done")).exists().isEmptyFile();
    }
}
