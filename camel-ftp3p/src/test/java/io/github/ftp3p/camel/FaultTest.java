package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TransferStalledException;
import io.github.ftp3p.testing.FaultProxy;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transfers broken off in the middle. Each ends in a typed error within its timeout, with the source file
 * intact, nothing under the final target name, every connection returned or closed, and no thread left
 * waiting for a reply.
 */
class FaultTest {

    private static final long SIZE = 4L * 1024 * 1024;
    private static final int RATE = 1024 * 1024;

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private ScriptedFtpServer scripted;

    @AfterEach
    void stopScripted() {
        if (scripted != null) {
            scripted.close();
        }
    }

    @Test
    void theSourceServerDyingMidTransferFailsOnTheSourceAndLeavesNoFinalTargetFile() throws Exception {
        servers.source().throttle(RATE);
        byte[] original = Files.readAllBytes(servers.givenSourceFile("big.bin", SIZE));
        String uri = servers.uri("move", "replyTimeout=2000");

        CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.send(uri, "big.bin"));
        awaitTargetGrowing("big.bin");
        servers.source().close();
        Exchange result = running.get(20, TimeUnit.SECONDS);

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure).isNotNull();
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(Files.readAllBytes(servers.sourceFile("big.bin"))).isEqualTo(original);
        assertThat(servers.targetFile("big.bin")).doesNotExist();
        assertNothingLeftRunning(uri);
    }

    @Test
    void theTargetServerDyingMidTransferFailsOnTheTargetAndKeepsTheSource() throws Exception {
        servers.target().throttle(RATE);
        byte[] original = Files.readAllBytes(servers.givenSourceFile("big.bin", SIZE));
        String uri = servers.uri("move", "replyTimeout=2000");

        CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.send(uri, "big.bin"));
        awaitTargetGrowing("big.bin");
        servers.target().close();
        Exchange result = running.get(20, TimeUnit.SECONDS);

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure).isNotNull();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(Files.readAllBytes(servers.sourceFile("big.bin"))).isEqualTo(original);
        assertThat(servers.targetFile("big.bin")).doesNotExist();
        assertNothingLeftRunning(uri);
    }

    @Test
    void aControlConnectionDroppedMidTransferFailsAndKeepsTheSource() throws Exception {
        servers.source().throttle(RATE);
        byte[] original = Files.readAllBytes(servers.givenSourceFile("big.bin", SIZE));
        try (FaultProxy proxy = FaultProxy.to(servers.source().port())) {
            String uri = servers.uri("move", "replyTimeout=2000&resume=false")
                    .replace(":" + servers.source().port() + "/", ":" + proxy.port() + "/");

            CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.send(uri, "big.bin"));
            awaitTargetGrowing("big.bin");
            proxy.cutAll();
            Exchange result = running.get(20, TimeUnit.SECONDS);

            Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
            assertThat(failure).isNotNull();
            assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
            assertThat(failure.getMessage()).contains("RETR outbox/big.bin");
            assertThat(Files.readAllBytes(servers.sourceFile("big.bin"))).isEqualTo(original);
            assertThat(servers.targetFile("big.bin")).doesNotExist();
            assertNothingLeftRunning(uri);
        }
    }

    @Test
    void aTransferBrokenOffByALostConnectionResumesFromThePartialTarget() throws Exception {
        servers.source().throttle(RATE);
        byte[] original = Files.readAllBytes(servers.givenSourceFile("big.bin", SIZE));
        try (FaultProxy proxy = FaultProxy.to(servers.source().port())) {
            String uri = servers.uri("move", "replyTimeout=2000")
                    .replace(":" + servers.source().port() + "/", ":" + proxy.port() + "/");

            CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> servers.send(uri, "big.bin"));
            awaitTargetGrowing("big.bin");
            proxy.cutAll();
            Exchange result = running.get(20, TimeUnit.SECONDS);

            assertThat(result.getException()).isNull();
            long resumedFrom = result.getMessage().getHeader(Ftp3pConstants.RESUMED_FROM, Long.class);
            assertThat(resumedFrom).isPositive().isLessThan(SIZE);
            assertThat(servers.source().commands()).filteredOn(c -> c.startsWith("RETR")).hasSize(2);
            assertThat(servers.source().commands()).contains("REST " + resumedFrom);
            assertThat(Files.readAllBytes(servers.targetFile("big.bin"))).isEqualTo(original);
            assertThat(servers.sourceFile("big.bin")).doesNotExist();
            assertThat(servers.targetFile(FtpServerPair.temp("big.bin"))).doesNotExist();
        }
    }

    /** With maxConnections=1 no pooled connection is ever free: the monitor polls over a connection of its own. */
    @ParameterizedTest(name = "maxConnections={0}")
    @ValueSource(ints = { 1, 4 })
    void aTransferWhoseTargetStopsGrowingIsAbortedAfterTheStallTimeout(int maxConnections) throws Exception {
        scripted = ScriptedFtpServer.start();
        // Accepts the data connection, then never reads from it: the target file stays empty.
        scripted.on("STOR", (s, name) -> {
            s.acceptData(ScriptedFtpServer.DATA_TIMEOUT);
            s.reply("150 ok");
        });
        scripted.on("SIZE", (s, name) -> s.reply("213 0"));
        servers.givenSourceFile("stuck.bin", SIZE);
        String uri = "ftp3p:copy?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + scripted.port()
                + "/inbox&targetPassword=x&passiveSide=target&progressInterval=100&stallTimeout=1000&replyTimeout=2000"
                + "&maxConnections=" + maxConnections;

        long started = System.nanoTime();
        Exchange result = servers.send(uri, "stuck.bin");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(TransferStalledException.class).hasMessageContaining("stallTimeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(servers.sourceFile("stuck.bin")).exists();
        assertNothingLeftRunning(uri);
    }

    @ParameterizedTest
    @ValueSource(ints = { 450, 550 })
    void aRetrRefusedBySourceFailsOnTheSourceAndLeavesNoTargetFile(int code) throws Exception {
        scripted = ScriptedFtpServer.start();
        scripted.put("outbox/busy.bin", new byte[100]);
        scripted.on("RETR", (s, name) -> s.reply(code + " not now"));
        String uri = "ftp3p:move?source=ftp://bob@127.0.0.1:" + scripted.port() + "/outbox&sourcePassword=x&target="
                + servers.target().uri("inbox") + "&targetPassword=RAW(" + servers.target().password() + ")";

        Exchange result = servers.send(uri, "busy.bin");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(failure.getCode()).isEqualTo(code);
        assertThat(scripted.store()).containsKey("outbox/busy.bin");
        assertThat(servers.target().home().resolve("inbox")).isEmptyDirectory();
        assertNothingLeftRunning(uri);
    }

    @ParameterizedTest
    @ValueSource(ints = { 552, 553 })
    void aStorRefusedByTargetFailsOnTheTargetAndKeepsTheSource(int code) throws Exception {
        scripted = ScriptedFtpServer.start();
        scripted.on("STOR", (s, name) -> s.reply(code + " refused"));
        servers.givenSourceFile("full.bin", 100);
        String uri = "ftp3p:move?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + scripted.port()
                + "/inbox&targetPassword=x&passiveSide=source";

        Exchange result = servers.send(uri, "full.bin");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCode()).isEqualTo(code);
        assertThat(servers.sourceFile("full.bin")).hasSize(100);
        assertThat(scripted.store()).isEmpty();
        assertNothingLeftRunning(uri);
    }

    @Test
    void a421AtLoginFailsWithTheServersReply() throws Exception {
        scripted = ScriptedFtpServer.start();
        scripted.onConnect((s, arg) -> {
            s.reply("421 Too many users, try later");
            s.closeControl();
        });
        servers.givenSourceFile("x.bin", 10);
        String uri = "ftp3p:copy?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + scripted.port() + "/inbox&targetPassword=x";

        Exchange result = servers.send(uri, "x.bin");

        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCode()).isEqualTo(421);
        assertThat(failure.getMessage()).contains("Too many users");
        assertNothingLeftRunning(uri);
    }

    private void awaitTargetGrowing(String name) {
        Path temp = servers.targetFile(FtpServerPair.temp(name));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(temp) && Files.size(temp) > 0);
    }

    /** No connection is still lent out, and no thread still waits for a reply. */
    private void assertNothingLeftRunning(String uri) {
        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) servers.camel().getEndpoint(uri);
        assertThat(endpoint.client().activeConnections(Side.SOURCE)).isZero();
        assertThat(endpoint.client().activeConnections(Side.TARGET)).isZero();
        FtpServerPair.assertNoThreadWaitingForAReply();
    }
}
