package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import io.github.ftp3p.protocol.DataAddressException;
import io.github.ftp3p.protocol.FtpConnectionException;
import io.github.ftp3p.protocol.FtpProtocolException;
import io.github.ftp3p.protocol.OutOfOrderReplyException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile or broken target, played by a scripted server on 127.0.0.1, against a real source. Each case ends
 * in a clear typed error, the source is never told to connect to a foreign address under the default policy,
 * and no thread is left waiting.
 */
class HostileServerTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private ScriptedFtpServer hostile;

    @BeforeEach
    void start() throws Exception {
        hostile = ScriptedFtpServer.start();
        servers.givenSourceFile("f.bin", 1000);
    }

    @AfterEach
    void stop() {
        hostile.close();
    }

    private String uri(String options) {
        return "ftp3p:copy?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW(" + servers.source().password()
                + ")&target=ftp://bob@127.0.0.1:" + hostile.port() + "/inbox&targetPassword=x&passiveSide=target"
                + "&replyTimeout=2000" + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void aGreetingThatNeverEndsFailsOnTheGreetingWithinTheReplyTimeout() {
        hostile.onConnect((s, arg) -> {
            s.reply("220-welcome");
            while (true) {
                s.reply("220-and more welcome");
                pace(50);
            }
        });

        assertGreetingFailsWithin(Duration.ofSeconds(10), "no complete greeting within 2000 ms");
    }

    @Test
    void aGreetingTrickledOneByteAtATimeFailsOnTheGreetingWithinTheReplyTimeout() {
        hostile.onConnect((s, arg) -> {
            s.writeRaw("220 ".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                // Each byte well within the socket's timeout: only a deadline on the whole reply ends this.
                s.writeRaw(new byte[] { 'x' });
                pace(100);
            }
        });

        assertGreetingFailsWithin(Duration.ofSeconds(10), "no complete greeting within 2000 ms");
    }

    @Test
    void aGreetingOf100KiBIsRefusedAsMalformedWithoutKeepingIt() {
        byte[] line = new byte[100 * 1024];
        Arrays.fill(line, (byte) 'x');
        hostile.onConnect((s, arg) -> {
            s.writeRaw("220 ".getBytes(StandardCharsets.US_ASCII));
            s.writeRaw(line);
            s.writeRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
        });

        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(FtpProtocolException.class).hasMessageContaining("longer than 8192 characters");
        assertThat(((Ftp3pOperationFailedException) result.getException()).getSide()).isEqualTo(Side.TARGET);
    }

    @Test
    void aListingTrickledForEverCostsOnlyTheStaleFileCleanupAndTheCopyStillWorks() throws Exception {
        hostile.on("NLST", (s, arg) -> {
            try (var data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT)) {
                s.reply("150 here it comes");
                while (true) {
                    // One name byte at a time, never a line end: each read comes in time, the listing never ends.
                    data.getOutputStream().write('x');
                    data.getOutputStream().flush();
                    pace(100);
                }
            }
        });
        servers.givenSourceFile("f.bin", 1000);
        String uri = uri("tempFileMaxAge=10m").replace("&replyTimeout=2000", "&replyTimeout=500");

        long started = System.nanoTime();
        Exchange result = servers.send(uri, "f.bin");

        // The listing is bounded by 10 x replyTimeout; the copy then goes on over a new connection.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(result.getException()).isNull();
        assertThat(hostile.store()).containsKey("inbox/f.bin");
    }

    private void assertGreetingFailsWithin(Duration bound, String message) {
        long started = System.nanoTime();
        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(bound);
        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(FtpConnectionException.class).hasMessageContaining(message);
        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCommand()).isNull();
    }

    /** Paces a scripted server's writes (a trickle is the behaviour under test); nothing waits on it. */
    private static void pace(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new InterruptedIOException();
        }
    }

    /** PASV opens a real listener but announces another host in the reply. */
    private void announce(String host) {
        hostile.on("PASV", (s, arg) -> {
            int port = s.openPassiveListener().getLocalPort();
            s.reply("227 Entering Passive Mode (" + host.replace('.', ',') + "," + (port >> 8) + "," + (port & 0xff) + ")");
        });
    }

    @Test
    void aPasvReplyAimedAtAnotherHostIsNotPassedOnUnderTheDefaultPolicy() {
        announce("10.0.0.9");

        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).isNull();
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("PORT 10,"))
                .anyMatch(c -> c.startsWith("PORT 127,0,0,1,"));
        assertThat(hostile.store().get("inbox/f.bin")).hasSize(1000);
    }

    @Test
    void passiveAddressReplyHandsTheAnnouncedAddressToTheOtherServer() {
        // 127.0.0.2 is loopback, but nothing listens there: the announced address is used, and the copy fails.
        announce("127.0.0.2");

        Exchange result = servers.send(uri("passiveAddress=reply"), "f.bin");

        assertThat(servers.source().commands()).anyMatch(c -> c.startsWith("PORT 127,0,0,2,"));
        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        assertThat(hostile.store()).doesNotContainKey("inbox/f.bin");
    }

    @Test
    void aLiteralPassiveAddressReplacesTheAnnouncedOne() {
        announce("10.0.0.9");

        Exchange result = servers.send(uri("passiveAddress=127.0.0.1"), "f.bin");

        assertThat(result.getException()).isNull();
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("PORT 10,"))
                .anyMatch(c -> c.startsWith("PORT 127,0,0,1,"));
        assertThat(hostile.store().get("inbox/f.bin")).hasSize(1000);
    }

    @Test
    void trustingTheReplyIsStillBoundByAllowedDataNetworks() {
        announce("10.0.0.9");

        Exchange result = servers.send(uri("passiveAddress=reply&allowedDataNetworks=127.0.0.0/8"), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(DataAddressException.class)
                .hasMessageContaining("10.0.0.9").hasMessageContaining("allowedDataNetworks");
        assertThat(((Ftp3pOperationFailedException) result.getException()).getSide()).isEqualTo(Side.TARGET);
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("PORT"));
        FtpServerPair.assertNoThreadWaitingForAReply();
    }

    @Test
    void aPasvReplyWithAPrivilegedPortIsRefused() {
        hostile.on("PASV", (s, arg) -> s.reply("227 Entering Passive Mode (127,0,0,1,0,25)"));

        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(DataAddressException.class).hasMessageContaining("port 25");
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("PORT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "227 Entering Passive Mode (127,0,0,300,4,1)",
            "227 Entering Passive Mode (127,0,0,1,4)",
            "227 Entering Passive Mode (junk)" })
    void aMalformedPasvReplyFailsWithAProtocolErrorQuotingIt(String reply) {
        hostile.on("PASV", (s, arg) -> s.reply(reply));

        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(FtpProtocolException.class).hasMessageContaining(reply);
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("PORT"));
    }

    @Test
    void aMalformedEpsvReplyFailsWithAProtocolError() {
        hostile.on("EPSV", (s, arg) -> s.reply("229 Entering Extended Passive Mode (|||99999|)"));

        Exchange result = servers.send(uri("epsv=always"), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(FtpProtocolException.class).hasMessageContaining("99999");
    }

    @Test
    void aMultiLineReplyThatNeverEndsHitsTheReplyTimeout() {
        hostile.on("PASV", (s, arg) -> {
            s.reply("227-Here comes a lot");
            for (int i = 0; i < 600; i++) {
                s.reply(" more " + i);
                pace(10);
            }
        });

        long started = System.nanoTime();
        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(FtpConnectionException.class).hasMessageContaining("2000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        FtpServerPair.assertNoThreadWaitingForAReply();
    }

    @Test
    void aOneMebibyteReplyLineIsRefused() {
        hostile.on("PASV", (s, arg) -> {
            byte[] line = new byte[1024 * 1024];
            Arrays.fill(line, (byte) 'x');
            s.writeRaw("227 ".getBytes(StandardCharsets.US_ASCII));
            s.writeRaw(line);
            s.writeRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
        });

        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(FtpProtocolException.class)
                .hasMessageContaining("longer than 8192 characters");
    }

    @Test
    void aReplyTricklingOneBytePerSecondHitsTheReplyTimeout() {
        hostile.on("PASV", (s, arg) -> {
            for (byte b : "227 Entering Passive Mode (127,0,0,1,4,1)\r\n".getBytes(StandardCharsets.US_ASCII)) {
                s.writeRaw(new byte[] { b });
                pace(1000);
            }
        });

        long started = System.nanoTime();
        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(FtpConnectionException.class)
                .hasMessageContaining("no complete reply within 2000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        FtpServerPair.assertNoThreadWaitingForAReply();
    }

    @Test
    void anUnexpectedCodeToPasvFailsAsAReplyThatCannotAnswerItNamingTheCommandAndReply() {
        hostile.on("PASV", (s, arg) -> s.reply("200 whatever"));

        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(OutOfOrderReplyException.class)
                .hasMessageContaining("PASV").hasMessageContaining("200 whatever");
    }

    @Test
    void aReplyWithoutAReplyCodeFailsWithAProtocolError() {
        hostile.on("STOR", (s, arg) -> s.reply("hello there"));

        Exchange result = servers.send(uri(""), "f.bin");

        assertThat(result.getException()).hasCauseInstanceOf(FtpProtocolException.class).hasMessageContaining("hello there");
        assertThat(servers.sourceFile("f.bin")).exists();
        FtpServerPair.assertNoThreadWaitingForAReply();
    }

}
