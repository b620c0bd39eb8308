package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.ftp3p.pool.ConnectionPool;
import io.github.ftp3p.pool.ConnectionUnavailableException;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TransferStalledException;
import io.github.ftp3p.testing.FaultProxy;
import io.github.ftp3p.transfer.FxpClient;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that stops answering (TCP open, nothing sent), played by a {@link FaultProxy} in front of an embedded
 * FtpServer that goes silent at a chosen step. Each exchange fails within stallTimeout + 2 x replyTimeout (plus
 * slack for a loaded machine) with a typed error naming the side and the command, and leaves no connection
 * lent out and no thread blocked on a reply.
 */
class SilentServerTest {

    private static final long REPLY_TIMEOUT = 1000;
    private static final long STALL_TIMEOUT = 3000;
    private static final Duration BOUND = Duration.ofMillis(STALL_TIMEOUT + 2 * REPLY_TIMEOUT).plusSeconds(5);
    private static final String TIMEOUTS = "replyTimeout=" + REPLY_TIMEOUT + "&stallTimeout=" + STALL_TIMEOUT
            + "&resume=false";

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private FaultProxy sourceProxy;
    private FaultProxy targetProxy;

    @BeforeEach
    void startProxies() throws Exception {
        sourceProxy = FaultProxy.to(servers.source().port());
        targetProxy = FaultProxy.to(servers.target().port());
    }

    @AfterEach
    void stopProxies() {
        sourceProxy.close();
        targetProxy.close();
    }

    @Test
    void aTargetThatNeverGreetsFailsOnTheTargetsGreeting() {
        targetProxy.silence();

        FtpTransferException failure = failsWithinTheBound("copy", TIMEOUTS, "x.bin", 1000);

        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertThat(failure.command()).isNull();
        assertThat(failure).hasMessageContaining("no complete greeting");
    }

    @Test
    void aSourceThatNeverGreetsFailsOnTheSourcesGreeting() {
        sourceProxy.silence();

        FtpTransferException failure = failsWithinTheBound("copy", TIMEOUTS, "x.bin", 1000);

        assertThat(failure.side()).isEqualTo(Side.SOURCE);
        assertThat(failure).hasMessageContaining("no complete greeting");
    }

    @Test
    void aTargetSilentFromSizeOnFailsOnSize() {
        targetProxy.silenceOnCommand("SIZE");

        FtpTransferException failure = failsWithinTheBound("copy", TIMEOUTS, "x.bin", 1000);

        assertThat(failure.side()).isEqualTo(Side.TARGET);
        // The first SIZE to the target asks what the final name holds before the STOR; nothing was written, so
        // the lost connection is retried once, and that failure goes with the retry's.
        assertThat(commandsIn(failure)).contains("SIZE inbox/x.bin");
    }

    @Test
    void aSourceSilentFromSizeOnFailsOnTheSourceNamingSize() {
        sourceProxy.silenceOnCommand("SIZE");

        FtpTransferException failure = failsWithinTheBound("copy", TIMEOUTS, "x.bin", 1000);

        assertThat(failure.side()).isEqualTo(Side.SOURCE);
        // The lost connection is retried once, on a new one that gets no greeting: that failure is reported,
        // the first one goes with it.
        assertThat(commandsIn(failure)).contains("SIZE outbox/x.bin");
    }

    @Test
    void aTargetSilentBeforeAnsweringStorFailsOnStor() {
        targetProxy.silenceOnCommand("STOR");

        FtpTransferException failure = failsWithinTheBound("copy", TIMEOUTS, "x.bin", 1000);

        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertThat(failure.command().line()).isEqualTo("STOR inbox/" + FtpServerPair.temp("x.bin"));
    }

    @Test
    void aTargetSilentAfterItsStorStartedIsAbortedAsAStall() throws Exception {
        servers.source().throttle(1024 * 1024);
        servers.givenSourceFile("big.bin", 8L * 1024 * 1024);
        targetProxy.silenceAfterReply("150");
        String uri = proxiedUri("move", TIMEOUTS + "&progressInterval=200");
        CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.send(uri, "big.bin"));
        await().atMost(Duration.ofSeconds(10)).until(targetProxy::silent);
        long silent = System.nanoTime();

        Exchange result = running.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);

        // Counted from the silence, which came right after the transfer (and its monitor) started.
        assertThat(Duration.ofNanos(System.nanoTime() - silent))
                .isLessThan(Duration.ofMillis(STALL_TIMEOUT + 2 * REPLY_TIMEOUT + 1500));
        FtpTransferException failure = (FtpTransferException) result.getException().getCause();
        assertNothingLeft(((Ftp3pEndpoint) servers.camel().getEndpoint(uri)).client());
        assertThat(failure).isInstanceOf(TransferStalledException.class).hasMessageContaining("stallTimeout");
        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertThat(failure.command().line()).isEqualTo("STOR inbox/" + FtpServerPair.temp("big.bin"));
        assertThat(servers.sourceFile("big.bin")).exists();
        assertThat(servers.targetFile("big.bin")).doesNotExist();
    }

    @Test
    void aTargetSilentInTheMiddleOfAPipelinedBatchIsAbortedAsAStall() throws Exception {
        servers.givenSourceFile("a.bin", 1000);
        servers.source().throttle(1024 * 1024);
        servers.givenSourceFile("big.bin", 8L * 1024 * 1024);
        servers.givenSourceFile("c.bin", 1000);
        String uri = proxiedUri("move", TIMEOUTS + "&progressInterval=200");
        CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.camel().createProducerTemplate()
                .request(uri, e -> {
                    e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, List.of("a.bin", "big.bin", "c.bin"));
                    e.setProperty(Ftp3pConstants.ATTEMPT, FtpServerPair.ATTEMPT);
                }));
        java.nio.file.Path partial = servers.targetFile(FtpServerPair.temp("big.bin"));
        await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(partial)
                && java.nio.file.Files.size(partial) > 0);
        targetProxy.silence();
        long silent = System.nanoTime();

        Exchange result = running.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - silent))
                .isLessThan(Duration.ofMillis(STALL_TIMEOUT + 2 * REPLY_TIMEOUT + 1500));
        assertThat(result.getException()).hasMessageContaining("Batch stopped at big.bin");
        FtpTransferException failure = (FtpTransferException) result.getException().getCause();
        assertThat(failure).isInstanceOf(TransferStalledException.class);
        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertNothingLeft(((Ftp3pEndpoint) servers.camel().getEndpoint(uri)).client());
        assertThat(servers.sourceFile("a.bin")).doesNotExist();
        assertThat(servers.sourceFile("big.bin")).exists();
        assertThat(servers.sourceFile("c.bin")).exists();
        assertThat(servers.targetFile("big.bin")).doesNotExist();
    }

    @Test
    void aTargetSilentFromRntoOnFailsOnRnto() {
        targetProxy.silenceOnCommand("RNTO");

        FtpTransferException failure = failsWithinTheBound("move", TIMEOUTS + "&pipelining=false", "x.bin", 1000);

        assertThat(failure.side()).isEqualTo(Side.TARGET);
        assertThat(failure.command().line()).isEqualTo("RNTO inbox/x.bin");
        assertThat(servers.sourceFile("x.bin")).exists();
    }

    @Test
    void stoppingCamelWhileAnExchangeWaitsOnASilentServerReturnsPromptlyAndWakesTheExchange() throws Exception {
        servers.source().throttle(1024 * 1024);
        servers.givenSourceFile("big.bin", 8L * 1024 * 1024);
        targetProxy.silenceAfterReply("150");
        // Default reply and stall timeouts (30 s, 60 s): only the stop can end this exchange in time.
        String uri = proxiedUri("copy", "progressInterval=200");
        FxpClient client = ((Ftp3pEndpoint) servers.camel().getEndpoint(uri)).client();
        CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.send(uri, "big.bin"));
        await().atMost(Duration.ofSeconds(10)).until(targetProxy::silent);

        long started = System.nanoTime();
        servers.camel().stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        Exchange result = running.get(5, TimeUnit.SECONDS);
        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        assertNothingLeft(client);
    }

    @Test
    void anExchangeThatFindsEveryConnectionInUseFailsAfterMaxWaitNamingTheSideAndThePoolSize() throws Exception {
        servers.source().throttle(1024 * 1024);
        servers.givenSourceFile("big.bin", 8L * 1024 * 1024);
        servers.givenSourceFile("x.bin", 1000);
        targetProxy.silenceAfterReply("150");
        String uri = proxiedUri("copy", "maxConnections=1&maxWait=1000&replyTimeout=30000&stallTimeout=60000"
                + "&progressInterval=200");
        CompletableFuture<Exchange> holding = CompletableFuture.supplyAsync(() -> servers.send(uri, "big.bin"));
        await().atMost(Duration.ofSeconds(10)).until(targetProxy::silent);

        long started = System.nanoTime();
        Exchange second = servers.send(uri, "x.bin");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        FtpTransferException failure = (FtpTransferException) second.getException().getCause();
        assertThat(failure).isInstanceOf(ConnectionUnavailableException.class)
                .hasMessageContaining("all 1 (maxConnections)").hasMessageContaining("1000 ms (maxWait)");
        assertThat(failure.side()).isEqualTo(Side.SOURCE);
        FxpClient client = ((Ftp3pEndpoint) servers.camel().getEndpoint(uri)).client();
        servers.camel().stop();
        assertThat(holding.get(5, TimeUnit.SECONDS).getException()).isNotNull();
        assertNothingLeft(client);
    }

    /** Sends one file through the proxies; asserts the exchange failed within the bound and nothing is left. */
    private FtpTransferException failsWithinTheBound(String operation, String options, String name, long size) {
        servers.givenSourceFile(name, size);
        String uri = proxiedUri(operation, options);

        long started = System.nanoTime();
        Exchange result = servers.send(uri, name);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        FxpClient client = ((Ftp3pEndpoint) servers.camel().getEndpoint(uri)).client();
        assertNothingLeft(client);
        return (FtpTransferException) result.getException().getCause();
    }

    private String proxiedUri(String operation, String options) {
        return servers.uri(operation, options)
                .replace(":" + servers.source().port() + "/", ":" + sourceProxy.port() + "/")
                .replace(":" + servers.target().port() + "/", ":" + targetProxy.port() + "/");
    }

    /** The commands a failure and the failures it carries (a retry's first attempt) name. */
    private static List<String> commandsIn(FtpTransferException failure) {
        List<String> commands = new ArrayList<>();
        Consumer<Throwable> add = t -> {
            if (t instanceof FtpTransferException f && f.command() != null) {
                commands.add(f.command().line());
            }
        };
        add.accept(failure);
        Arrays.stream(failure.getSuppressed()).forEach(add);
        return commands;
    }

    /**
     * No connection lent out on either side, and, within a few seconds, no thread left in a frame of the classes
     * that wait for a server: the connection, the pool, or the progress monitor.
     */
    private static void assertNothingLeft(FxpClient client) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(client.activeConnections(Side.SOURCE)).isZero();
            assertThat(client.activeConnections(Side.TARGET)).isZero();
        });
        List<String> waiting = List.of(ControlConnection.class.getName(), ConnectionPool.class.getName(),
                FxpClient.class.getName(), monitorClass());
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey() != Thread.currentThread())
                .flatMap(entry -> Arrays.stream(entry.getValue()))
                .noneMatch(frame -> waiting.contains(frame.getClassName())));
    }

    /** The progress monitor is package-private: its name is taken from the class, so a rename cannot void the check. */
    private static String monitorClass() {
        try {
            return Class.forName(FxpClient.class.getPackageName() + ".ProgressMonitor").getName();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the progress monitor class moved: update this check", e);
        }
    }
}
