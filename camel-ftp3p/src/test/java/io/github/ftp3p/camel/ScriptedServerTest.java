package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ftp3p.protocol.FxpRefusedException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behaviours of real servers that Apache FtpServer does not show, or that no real server produces on
 * demand, played by a scripted server on 127.0.0.1 as one side and a real FtpServer as the other.
 */
class ScriptedServerTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private ScriptedFtpServer scripted;

    @BeforeEach
    void startScripted() throws Exception {
        scripted = ScriptedFtpServer.start();
    }

    @AfterEach
    void stopScripted() {
        scripted.close();
    }

    /** A URI from the real source server to the scripted one as target (directory "inbox"). */
    private String toScripted(String options) {
        return "ftp3p:copy?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW(" + servers.source().password() + ")"
                + "&target=ftp://bob@127.0.0.1:" + scripted.port() + "/inbox&targetPassword=secret&replyTimeout=5000"
                + (options.isEmpty() ? "" : "&" + options);
    }

    /** A URI from the scripted server as source (directory "outbox") to the real target server. */
    private String fromScripted(String options) {
        return "ftp3p:copy?source=ftp://bob@127.0.0.1:" + scripted.port() + "/outbox&sourcePassword=secret"
                + "&target=" + servers.target().uri("inbox") + "&targetPassword=RAW(" + servers.target().password() + ")"
                + "&replyTimeout=5000" + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void aPassiveTargetThatAnswersStorOnlyWhenTheDataArrivesDoesNotDeadlock() throws Exception {
        // vsftpd, ProFTPD and Pure-FTPd send 150 to the passive side only once the data connection is open.
        Path original = servers.givenSourceFile("late.bin", 300_000);

        Exchange result = servers.send(toScripted("passiveSide=target"), "late.bin");

        assertThat(result.getException()).isNull();
        assertThat(scripted.store().get("inbox/late.bin")).isEqualTo(Files.readAllBytes(original));
        assertThat(scripted.commands()).containsSubsequence("PASV", "STOR inbox/" + FtpServerPair.temp("late.bin"),
                "SIZE inbox/" + FtpServerPair.temp("late.bin"), "RNFR inbox/" + FtpServerPair.temp("late.bin"), "RNTO inbox/late.bin");
    }

    @Test
    void autoTriesTheSourcePassiveWhenTheTargetRefusesPasv() throws Exception {
        Path original = servers.givenSourceFile("turn.bin", 50_000);
        scripted.on("PASV", (s, arg) -> s.reply("502 PASV not allowed here"));

        Exchange result = servers.send(toScripted(""), "turn.bin");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.PASSIVE_SIDE)).isEqualTo("source");
        assertThat(scripted.store().get("inbox/turn.bin")).isEqualTo(Files.readAllBytes(original));
        assertThat(scripted.commands()).containsSubsequence("PASV", "STOR inbox/" + FtpServerPair.temp("turn.bin"))
                .anyMatch(c -> c.startsWith("PORT 127,0,0,1,"));
        assertThat(servers.source().commands()).contains("PASV");
    }

    @Test
    void aFixedPassiveSideDoesNotTryTheOtherOrientation() throws Exception {
        servers.givenSourceFile("fixed.bin", 10);
        scripted.on("PASV", (s, arg) -> s.reply("502 PASV not allowed here"));

        Exchange result = servers.send(toScripted("passiveSide=target"), "fixed.bin");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCommand().verb()).isEqualTo("PASV");
        assertThat(failure.getCode()).isEqualTo(502);
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("RETR") || c.equals("PASV"));
    }

    @Test
    void aSourceThatBreaksTheDataConnectionAndThenRefusesTheFileIsBlamedNotTheTargetsBrokenStor() throws Exception {
        // As Apache FtpServer does when the file was moved away by another transfer a moment before: the passive
        // source drops the data connection, the target's STOR fails with 426 at once, the source's 550 comes after.
        scripted.put("outbox/gone.bin", new byte[1000]);
        scripted.on("RETR", (s, arg) -> {
            var data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT);
            data.setSoLinger(true, 0); // a reset, which the target's STOR reports as 426
            data.close();
            // The 550 comes only once the client has read the target's 426 and sent ABOR here.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> s.pendingCommandBytes() > 0);
            s.reply("550 outbox/gone.bin: No such file or directory");
        });

        Exchange result = servers.send(fromScripted("passiveSide=source"), "gone.bin");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(failure.getCode()).isEqualTo(550);
        assertThat(failure.getCommand().line()).isEqualTo("RETR outbox/gone.bin");
    }

    @Test
    void aRetrRefusedOnTheSourceAbortsTheTargetAndRemovesWhatItWrote() throws Exception {
        scripted.put("outbox/locked.bin", new byte[1000]);
        scripted.on("RETR", (s, arg) -> s.reply("550 file is locked"));

        Exchange result = servers.send(fromScripted("passiveSide=target"), "locked.bin");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(failure.getCode()).isEqualTo(550);
        assertThat(servers.targetFile("locked.bin")).doesNotExist();
        assertThat(servers.target().commands()).containsSubsequence("STOR inbox/" + FtpServerPair.temp("locked.bin"),
                "DELE inbox/" + FtpServerPair.temp("locked.bin"));
        assertThat(servers.target().home().resolve("inbox")).isEmptyDirectory();
        assertThat(scripted.store()).containsKey("outbox/locked.bin");
        assertThat(scripted.commands()).noneMatch(c -> c.startsWith("DELE"));
    }

    @Test
    void aStorRefusedOutrightLeavesTheExistingTargetFileAlone() throws Exception {
        servers.givenSourceFile("quota.bin", 10);
        scripted.put("inbox/quota.bin", new byte[] { 1, 2, 3 });
        scripted.on("STOR", (s, arg) -> s.reply("552 quota exceeded"));

        Exchange result = servers.send(toScripted("passiveSide=source"), "quota.bin");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCode()).isEqualTo(552);
        assertThat(scripted.commands()).noneMatch(c -> c.startsWith("DELE"));
        assertThat(scripted.store().get("inbox/quota.bin")).containsExactly(1, 2, 3);
        assertThat(servers.sourceFile("quota.bin")).exists();
    }

    @Test
    void aPooledConnectionThatFailsItsNoopCheckIsReplacedByANewLogin() throws Exception {
        servers.givenSourceFile("one.bin", 10);
        servers.givenSourceFile("two.bin", 20);
        AtomicInteger noops = new AtomicInteger();
        scripted.on("NOOP", (s, arg) -> {
            if (noops.incrementAndGet() > 1) {
                s.handleDefault("NOOP", arg);
                return;
            }
            s.reply("421 idle timeout, closing control connection");
            s.closeControl();
        });
        String uri = toScripted("noopAfterIdle=0");

        assertThat(servers.send(uri, "one.bin").getException()).isNull();
        Exchange second = servers.send(uri, "two.bin");

        assertThat(second.getException()).isNull();
        assertThat(scripted.store().get("inbox/two.bin")).hasSize(20);
        assertThat(scripted.commands()).filteredOn(c -> c.startsWith("USER")).hasSize(2);
    }

    @Test
    void aConnectionResetBeforeTheTransferStartsIsReplacedOnce() throws Exception {
        servers.givenSourceFile("one.bin", 10);
        servers.givenSourceFile("two.bin", 20);
        AtomicInteger pasv = new AtomicInteger();
        scripted.on("PASV", (s, arg) -> {
            if (pasv.incrementAndGet() == 2) {
                s.closeControl();
            } else {
                s.handleDefault("PASV", arg);
            }
        });
        String uri = toScripted("passiveSide=target");

        assertThat(servers.send(uri, "one.bin").getException()).isNull();
        Exchange second = servers.send(uri, "two.bin");

        assertThat(second.getException()).isNull();
        assertThat(scripted.store().get("inbox/two.bin")).hasSize(20);
        assertThat(scripted.commands()).filteredOn(c -> c.startsWith("USER")).hasSize(2);
    }

    @Test
    void aDataConnectionThatBreaksAfterDataReachedTheTargetIsNotCalledARefusal() throws Exception {
        // As ProFTPD sending under TLS 1.3 to vsftpd was seen to do at about 8 MB: the receiver's 426 comes after
        // data flowed, which is no FXP refusal, and the other orientation is not tried.
        servers.givenSourceFile("half.bin", 1_000_000);
        scripted.on("STOR", (s, arg) -> {
            Socket data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT);
            s.reply("150 Ok to send data.");
            s.store().put(arg, data.getInputStream().readNBytes(100_000));
            data.setSoLinger(true, 0);
            data.close();
            s.reply("426 Failure reading network stream.");
        });

        Exchange result = servers.send(toScripted(""), "half.bin");

        Ftp3pOperationFailedException failure = result.getException(Ftp3pOperationFailedException.class);
        assertThat(failure.getCause()).isNotInstanceOf(FxpRefusedException.class);
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCode()).isEqualTo(426);
        assertThat(failure).hasMessageNotContaining("refused");
        assertThat(servers.source().commands()).doesNotContain("PASV");
        assertThat(scripted.store()).doesNotContainKey("inbox/" + FtpServerPair.temp("half.bin"));
    }

    @Test
    void anAnnouncedAddressWhereNothingAnswersFailsWithinConnectTimeoutNamingTheOptionAndTheAddress() throws Exception {
        // A passive server announcing an address that drops connections (a listener whose queue is full): the source
        // would try for its own connect timeout, and then answer a 425 naming nothing.
        servers.givenSourceFile("far.bin", 10_000);
        List<Socket> queued = new ArrayList<>();
        InetAddress announced = InetAddress.getByName("127.0.0.99");
        try (ServerSocket blackHole = new ServerSocket(0, 1, announced)) {
            fillAcceptQueue(blackHole, queued);
            scripted.on("PASV", (s, arg) -> {
                s.openPassiveListener();
                int p = blackHole.getLocalPort();
                s.reply("227 Entering Passive Mode (127,0,0,99," + (p >> 8) + "," + (p & 0xff) + ")");
            });

            long started = System.nanoTime();
            Exchange result = servers.send(toScripted("passiveSide=target&passiveAddress=reply&connectTimeout=1000"), "far.bin");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            Ftp3pOperationFailedException failure = result.getException(Ftp3pOperationFailedException.class);
            assertThat(failure).hasMessageContaining("passiveAddress=reply")
                    .hasMessageContaining("127.0.0.99:" + blackHole.getLocalPort()).hasMessageContaining("connectTimeout");
            assertThat(took).as("bounded by connectTimeout, not by the reply timeout").isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    /** Connects until a connection is no longer accepted: a full accept queue drops further SYNs on Linux. */
    private static void fillAcceptQueue(ServerSocket listener, List<Socket> queued) throws Exception {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(listener.getLocalSocketAddress(), 300);
                queued.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue of " + listener + " did not fill up");
    }
}
