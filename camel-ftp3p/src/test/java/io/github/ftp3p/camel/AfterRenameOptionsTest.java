package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ftp3p.transfer.AfterRenameException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad values of chmod, doneFileName and the SITE commands, refused with the option's name: when the endpoint is made,
 * or, for a done file name that does not fit one file, before anything is sent. Apache FtpServer on both sides.
 */
class AfterRenameOptionsTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    /** Camel wraps the endpoint's error (ResolveEndpointFailedException): what it says is somewhere in the chain. */
    private void refused(String options, String... message) {
        var thrown = assertThatThrownBy(() -> servers.camel().getEndpoint(servers.uri("copy", options)));
        for (String part : message) {
            thrown.hasStackTraceContaining(part);
        }
    }

    @Test
    void aChmodThatIsNotThreeOrFourOctalDigitsIsRefusedNamingTheOption() {
        refused("chmod=649", "Option 'chmod'", "'649'");
        refused("chmod=64", "Option 'chmod'");
        refused("chmod=01640", "Option 'chmod'");
    }

    @Test
    void aDoneFileNameWithAnExpressionCamelFileCannotResolveIsRefused() {
        refused("doneFileName=RAW(${file:onlyname}.done)", "Option 'doneFileName'", "${file:name.noext}");
    }

    @Test
    void aDoneFileNameInAnotherDirectoryIsRefused() {
        refused("doneFileName=RAW(../${file:name}.done)", "Option 'doneFileName'", "'/'");
    }

    @Test
    void aSiteCommandWithANulIsRefused() {
        refused("targetSiteCommand=UMASK%00", "siteCommand", "NUL");
    }

    @Test
    void aServerBeanCarriesItsAccountAndSiteCommandsWithoutShowingTheAccount() {
        Ftp3pServer bean = new Ftp3pServer();
        bean.setHost("127.0.0.1");
        bean.setAccount("acme");
        bean.setSiteCommand("UMASK 002\r\nHELP\n");

        assertThat(bean.address(null).account()).isEqualTo("acme");
        assertThat(bean.address(null).siteCommands()).containsExactly("UMASK 002", "HELP");
        assertThat(bean.address(null).toString()).doesNotContain("acme");
        assertThat(bean.toString()).doesNotContain("acme");
    }

    @Test
    void aSyncCannotWriteDoneFilesWhileDeletingExtraneousOnes() {
        assertThatThrownBy(() -> servers.camel().getEndpoint(servers.uri("sync",
                "deleteExtraneous=true&doneFileName=RAW(${file:name}.done)")))
                .rootCause().hasMessageContainingAll("doneFileName", "deleteExtraneous");
    }

    @Test
    void aDoneFileThatWouldBeTheFileItselfIsRefusedBeforeTheCopy() throws Exception {
        servers.givenSourceFile("done", 1000);

        Exchange result = servers.send(servers.uri("move", "doneFileName=done"), "done");

        assertThat(result.getException()).hasMessageContaining("doneFileName").hasMessageContaining("the file itself");
        assertThat(result.getException().getCause()).isInstanceOf(AfterRenameException.class);
        assertThat(servers.targetFile("done")).doesNotExist();
        assertThat(servers.sourceFile("done")).hasSize(1000);
    }

    @Test
    void anExistingDoneFileIsReplacedByAnEmptyOne() throws Exception {
        servers.givenSourceFile("again.csv", 1000);
        java.nio.file.Files.createDirectories(servers.targetFile("x").getParent());
        java.nio.file.Files.writeString(servers.targetFile("again.csv.done"), "old");

        Exchange result = servers.send(servers.uri("copy", "doneFileName=RAW(${file:name}.done)"), "again.csv");

        assertThat(result.getException()).isNull();
        assertThat(servers.targetFile("again.csv")).hasSize(1000);
        assertThat(servers.targetFile("again.csv.done")).isEmptyFile();
    }
}
