package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.github.ftp3p.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ACCT (RFC 959 section 4.1.1) against a scripted server, since no Debian server asks for an account: a server
 * answering PASS with 332 gets ACCT; one answering 230 never does (ProFTPD shows that in AfterRenameTest too).
 */
class AccountLoginTest {

    private static final ConnectionSettings SETTINGS = new ConnectionSettings(Duration.ofSeconds(5), Duration.ofSeconds(5),
            null);

    private ScriptedFtpServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedFtpServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FtpServerAddress address(String account) {
        return new FtpServerAddress(server.host(), server.port(), "bob", "secret", "").withLogin(account, List.of());
    }

    private void asksForAnAccount() {
        server.on("PASS", (s, arg) -> s.reply("332 Need account for login."));
        server.on("ACCT", (s, arg) -> s.reply(arg.equals("acme") ? "230 Logged in with account." : "530 Bad account."));
    }

    @Test
    void aServerAnsweringPassWith332GetsTheAccount() {
        asksForAnAccount();

        try (ControlConnection connection = ControlConnection.open(Side.TARGET, address("acme"), SETTINGS)) {
            assertThat(connection.isReusable()).isTrue();
        }
        assertThat(server.commands()).containsSubsequence("USER bob", "PASS ****", "ACCT acme", "TYPE I");
    }

    @Test
    void aServerAsking332WithoutAConfiguredAccountFailsNamingTheOption() {
        asksForAnAccount();

        assertThatThrownBy(() -> ControlConnection.open(Side.TARGET, address(null), SETTINGS))
                .isInstanceOf(FtpReplyException.class)
                .hasMessageContaining("332").hasMessageContaining("targetAccount");
        assertThat(server.commands()).noneMatch(line -> line.startsWith("ACCT"));
    }

    @Test
    void aRefusedAccountFailsTheLoginWithTheReplyAndTheAccountMasked() {
        asksForAnAccount();

        assertThatThrownBy(() -> ControlConnection.open(Side.SOURCE, address("wrong"), SETTINGS))
                .isInstanceOfSatisfying(FtpReplyException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(530);
                    assertThat(e.command().toString()).isEqualTo("ACCT ****");
                })
                .hasMessageNotContaining("wrong");
    }

    @Test
    void aServerAnsweringPassWith230IsNeverSentTheAccount() {
        try (ControlConnection connection = ControlConnection.open(Side.TARGET, address("acme"), SETTINGS)) {
            assertThat(connection.isReusable()).isTrue();
        }
        assertThat(server.commands()).contains("PASS ****").noneMatch(line -> line.startsWith("ACCT"));
    }

    @Test
    void anAccountWithALineBreakIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> address("acme\r\nDELE x")).isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("account");
    }

    @Test
    void aSiteCommandWithACarriageReturnInsideIsRefused() {
        List<String> lines = FtpServerAddress.siteCommandLines("UMASK 002\r\nCHMOD 600 a\rDELE b");

        assertThat(lines.get(0)).isEqualTo("UMASK 002");
        assertThatThrownBy(() -> new FtpServerAddress("h", 21, "u", "p", "").withLogin(null, lines))
                .isInstanceOf(UnsafeArgumentException.class).hasMessageContaining("siteCommand");
    }
}
