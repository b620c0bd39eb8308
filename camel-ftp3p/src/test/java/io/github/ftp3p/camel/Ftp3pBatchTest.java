package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.VerificationException;
import io.github.ftp3p.testing.CountingSocketFactory;
import io.github.ftp3p.testing.ScriptedFtpServer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Ftp3pBatchTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private List<String> givenSourceFiles(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + i + ".bin";
            // Sizes from 0 bytes up, some spanning several data packets.
            servers.givenSourceFile(name, i == 0 ? 0 : (i * 7919L) % 70_000);
            names.add(name);
        }
        return names;
    }

    private Exchange sendBatch(String uri, Object names) {
        return servers.camel().createProducerTemplate().request(uri,
                e -> {
                    e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names);
                    e.setProperty(Ftp3pConstants.ATTEMPT, FtpServerPair.ATTEMPT);
                });
    }

    private void assertCopied(String name) throws Exception {
        assertThat(Files.mismatch(servers.sourceFile(name), servers.targetFile(name))).as(name).isEqualTo(-1L);
    }

    @Test
    void aBatchCopiesEveryListedFileByteForByteAndListsThemInOrder() throws Exception {
        List<String> names = givenSourceFiles("c", 30);

        Exchange result = sendBatch(servers.uri("copy", ""), names);

        assertThat(result.getException()).isNull();
        for (String name : names) {
            assertCopied(name);
        }
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILES_PRODUCED, List.class))
                .isEqualTo(names.stream().map(n -> "inbox/" + n).toList());
        long total = 0;
        for (String name : names) {
            total += Files.size(servers.sourceFile(name));
        }
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILE_SIZE, Long.class)).isEqualTo(total);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.DURATION, Long.class)).isNotNull();
        try (var left = Files.list(servers.targetFile("x").getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".ftp3p."));
        }
        assertThat(servers.source().loginCount()).isLessThanOrEqualTo(2);
        assertThat(servers.target().loginCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void aBatchAcceptsACommaSeparatedList() throws Exception {
        givenSourceFiles("s", 3);

        Exchange result = sendBatch(servers.uri("copy", ""), "s0.bin, s1.bin,s2.bin");

        assertThat(result.getException()).isNull();
        assertCopied("s0.bin");
        assertCopied("s2.bin");
    }

    @Test
    void aPipelinedBatchSpeaksToEachServerAboutOnceAFileWhereTheUnpipelinedModeSpeaksThreeTimes() throws Exception {
        CountingSocketFactory sockets = new CountingSocketFactory();
        servers.camel().getRegistry().bind("countingSockets", sockets);
        List<String> names = givenSourceFiles("w", 40);

        Exchange pipelined = sendBatch(servers.uri("copy", "socketFactory=#countingSockets"), names);
        long pipelinedWrites = sockets.writes();
        sockets.reset();
        Exchange unpipelined = sendBatch(servers.uri("copy", "socketFactory=#countingSockets&pipelining=false"), names);

        assertThat(pipelined.getException()).isNull();
        assertThat(unpipelined.getException()).isNull();
        // One write per connection per round, plus the logins and the first file, copied on its own.
        assertThat(pipelinedWrites).isLessThanOrEqualTo(2 * 40 + 30);
        assertThat(sockets.writes()).isGreaterThanOrEqualTo(6 * 40);
        for (String name : names) {
            assertCopied(name);
        }
    }

    @Test
    void aBatchMoveDeletesEverySourceAfterItsCopyIsRenamedIntoPlace() throws Exception {
        List<String> names = givenSourceFiles("m", 12);
        List<byte[]> contents = new ArrayList<>();
        for (String name : names) {
            contents.add(Files.readAllBytes(servers.sourceFile(name)));
        }

        Exchange result = sendBatch(servers.uri("move", ""), names);

        assertThat(result.getException()).isNull();
        for (int i = 0; i < names.size(); i++) {
            assertThat(servers.sourceFile(names.get(i))).doesNotExist();
            assertThat(Files.readAllBytes(servers.targetFile(names.get(i)))).isEqualTo(contents.get(i));
            assertThat(servers.target().commands()).containsSubsequence("STOR inbox/" + FtpServerPair.temp(names.get(i)),
                    "SIZE inbox/" + FtpServerPair.temp(names.get(i)), "RNTO inbox/" + names.get(i));
        }
    }

    @Test
    void aBatchReplacesExistingTargetFilesWhereTheServerRefusesToRenameOntoThem() throws Exception {
        List<String> names = givenSourceFiles("o", 10);
        for (String name : names) {
            Files.writeString(servers.targetFile(name), "old content");
        }

        Exchange result = sendBatch(servers.uri("copy", ""), names);

        assertThat(result.getException()).isNull();
        for (String name : names) {
            assertCopied(name);
        }
        // Apache FtpServer answers 553 to RNTO onto an existing file: the old file is deleted only once it is seen
        // unchanged since before the STOR (SIZE and MDTM), as for a single file.
        String temp = "inbox/" + FtpServerPair.temp("o9.bin");
        assertThat(servers.target().commands()).containsSubsequence("SIZE inbox/o9.bin", "MDTM inbox/o9.bin", "STOR " + temp,
                "RNTO inbox/o9.bin", "SIZE inbox/o9.bin", "MDTM inbox/o9.bin", "DELE inbox/o9.bin", "RNFR " + temp,
                "RNTO inbox/o9.bin");
    }

    @Test
    void aBatchMoveIntoADoneDirectoryRenamesEachSourceThere() throws Exception {
        List<String> names = givenSourceFiles("d", 6);
        Files.createDirectories(servers.sourceFile("done"));

        Exchange result = sendBatch(servers.uri("copy", "moveSourceTo=done/${header.CamelFileName}"), names);

        assertThat(result.getException()).isNull();
        for (String name : names) {
            assertThat(servers.sourceFile("done/" + name)).exists();
            assertThat(servers.sourceFile(name)).doesNotExist();
            assertThat(Files.mismatch(servers.sourceFile("done/" + name), servers.targetFile(name))).isEqualTo(-1L);
        }
    }

    @Test
    void aMissingFileStopsTheBatchThereAfterFinishingTheFilesBeforeIt() throws Exception {
        List<String> names = new ArrayList<>(givenSourceFiles("f", 10));
        names.add(6, "missing.bin");

        Exchange result = sendBatch(servers.uri("move", ""), names);

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasMessageContaining("missing.bin").hasMessageContaining("6 files finished")
                .hasCauseInstanceOf(FtpReplyException.class);
        Ftp3pOperationFailedException failure = (Ftp3pOperationFailedException) result.getException();
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(failure.getCode()).isEqualTo(550);
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILES_PRODUCED, List.class)).hasSize(6);
        for (String name : names.subList(0, 6)) {
            assertThat(servers.sourceFile(name)).doesNotExist();
            assertThat(servers.targetFile(name)).exists();
        }
        for (String name : names.subList(7, names.size())) {
            assertThat(servers.sourceFile(name)).exists();
            assertThat(servers.targetFile(name)).doesNotExist();
            assertThat(servers.target().commands()).doesNotContain("STOR inbox/" + FtpServerPair.temp(name));
        }
        try (var left = Files.list(servers.targetFile("x").getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".ftp3p."));
        }
        FtpServerPair.assertNoThreadWaitingForAReply();
    }

    @Test
    void aFileAlreadyRenamedIntoPlaceWhenAnEarlierOneFailsIsFinishedAndReportedNotLeftHalfMoved() throws Exception {
        List<String> names = givenSourceFiles("g", 10);
        // A directory under the final name of the fourth file: its RNTO is refused (553), it is found unchanged, and
        // its DELE fails a round later, while the files after it were pipelined on and renamed into place.
        Files.createDirectories(servers.targetFile(names.get(3)));

        Exchange result = sendBatch(servers.uri("move", ""), names);

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasMessageContaining("Batch stopped at " + names.get(3));
        List<?> produced = result.getMessage().getHeader(Ftp3pConstants.FILES_PRODUCED, List.class);
        for (String name : names) {
            if (name.equals(names.get(3))) {
                assertThat(servers.sourceFile(name)).exists();
                continue;
            }
            boolean atTarget = Files.isRegularFile(servers.targetFile(name));
            assertThat(produced.contains("inbox/" + name)).as(name + " reported as it is at the target").isEqualTo(atTarget);
            assertThat(Files.exists(servers.sourceFile(name))).as(name + " source moved once its copy is in place")
                    .isEqualTo(!atTarget);
        }
        assertThat(produced).as("files after the failed one").anyMatch(p -> names.indexOf(((String) p).substring(6)) > 3);
    }

    @Test
    void aRedeliveredBatchGoesOnFromTheFileThatFailed() throws Exception {
        List<String> names = new ArrayList<>(givenSourceFiles("r", 8));
        names.add(4, "late.bin");
        String uri = servers.uri("copy", "");
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Ftp3pOperationFailedException.class).maximumRedeliveries(1).redeliveryDelay(0)
                        .onRedelivery(e -> servers.givenSourceFile("late.bin", 5000));
                from("direct:batch").to(uri);
            }
        });

        Exchange result = servers.camel().createProducerTemplate().request("direct:batch",
                e -> {
                    e.getMessage().setHeader(Ftp3pConstants.FILE_NAMES, names);
                    e.setProperty(Ftp3pConstants.ATTEMPT, FtpServerPair.ATTEMPT);
                });

        assertThat(result.getException()).isNull();
        for (String name : names) {
            assertCopied(name);
        }
        // The files of both attempts, in order.
        assertThat(result.getMessage().getHeader(Ftp3pConstants.FILES_PRODUCED, List.class))
                .isEqualTo(names.stream().map(n -> "inbox/" + n).toList());
        for (String name : names.subList(0, 4)) {
            assertThat(servers.source().commands()).as(name).containsOnlyOnce("RETR outbox/" + name);
        }
    }

    @Test
    void aCopyWhoseSizeDoesNotMatchIsRemovedAndStopsTheBatchBeforeItsSourceIsTouched() throws Exception {
        try (ScriptedFtpServer truncating = ScriptedFtpServer.start()) {
            truncating.on("STOR", (s, name) -> {
                try (var data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT)) {
                    s.reply("150 ok");
                    byte[] all = data.getInputStream().readAllBytes();
                    s.store().put(name, name.contains("bad") ? java.util.Arrays.copyOf(all, all.length - 1) : all);
                }
                s.reply("226 done");
            });
            List<String> names = new ArrayList<>(givenSourceFiles("t", 8));
            servers.givenSourceFile("bad.bin", 4096);
            names.add(5, "bad.bin");
            String uri = "ftp3p:move?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                    + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + truncating.port()
                    + "/inbox&targetPassword=x";

            Exchange result = sendBatch(uri, names);

            assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                    .hasMessageContaining("bad.bin").hasCauseInstanceOf(VerificationException.class)
                    .hasMessageContaining("4096").hasMessageContaining("4095");
            assertThat(truncating.store().keySet()).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 5).mapToObj(i -> "inbox/t" + i + ".bin").toList());
            for (String name : names.subList(5, names.size())) {
                assertThat(servers.sourceFile(name)).exists();
            }
            assertThat(servers.source().commands()).doesNotContain("DELE outbox/bad.bin");
        }
    }

    /**
     * Copies a batch of 6 files to a scripted target greeting with {@code greeting}; returns, for each STOR, how many
     * bytes of commands the client had already written when the transfer's data was all in.
     */
    private List<Integer> commandBytesWaitingAtTheEndOfEachStor(String greeting) throws Exception {
        List<Integer> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ScriptedFtpServer target = ScriptedFtpServer.start()) {
            target.onConnect((s, arg) -> s.reply(greeting));
            target.on("STOR", (s, name) -> {
                try (var data = s.acceptData(ScriptedFtpServer.DATA_TIMEOUT)) {
                    s.reply("150 ok");
                    s.store().put(name, data.getInputStream().readAllBytes());
                }
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                waiting.add(s.pendingCommandBytes());
                s.reply("226 done");
            });
            List<String> names = givenSourceFiles("q", 6);
            String uri = "ftp3p:copy?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW("
                    + servers.source().password() + ")&target=ftp://bob@127.0.0.1:" + target.port()
                    + "/inbox&targetPassword=x";

            Exchange result = sendBatch(uri, names);

            assertThat(result.getException()).isNull();
            assertThat(target.store()).hasSize(6);
        }
        return waiting;
    }

    @Test
    void aServerNotKnownToAnswerInTurnIsWrittenNothingWhileItsStorRuns() throws Exception {
        // ProFTPD answers a SIZE sent during a STOR before the STOR's 226; Pure-FTPd drops it with 500.
        assertThat(commandBytesWaitingAtTheEndOfEachStor("220 ProFTPD Server ready")).containsOnly(0);
    }

    @Test
    void vsftpdIsSentTheNextFilesCommandsWhileItsStorRuns() throws Exception {
        // vsftpd reads no command during a transfer: they wait, and are answered in turn after the 226.
        assertThat(commandBytesWaitingAtTheEndOfEachStor("220 (vsFTPd 3.0.3)").subList(1, 5)).allMatch(n -> n > 0);
    }

    @Test
    void aBatchWithAnEmptyOrClimbingNameIsRefusedBeforeAnythingIsSent() {
        givenSourceFiles("e", 2);

        Exchange empty = sendBatch(servers.uri("copy", ""), "e0.bin,,e1.bin");
        Exchange climbing = sendBatch(servers.uri("copy", ""), List.of("e0.bin", "../etc/passwd"));

        assertThat(empty.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Ftp3pConstants.FILE_NAMES).hasMessageContaining("empty");
        assertThat(climbing.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Ftp3pConstants.FILE_NAMES).hasMessageContaining("..");
        assertThat(servers.source().commands()).noneMatch(c -> c.startsWith("SIZE") || c.startsWith("RETR"));
        assertThat(servers.target().commands()).noneMatch(c -> c.startsWith("STOR"));
    }

    @Test
    void aTargetFileNameCannotBeCombinedWithABatch() {
        Exchange result = sendBatch(servers.uri("copy", "targetFileName=x.bin"), List.of("a.bin"));

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Ftp3pConstants.FILE_NAMES).hasMessageContaining("targetFileName");
    }

    @Test
    void aLostConnectionMidBatchWithoutTemporaryFilesRemovesOnlyTheFileItWasWriting() throws Exception {
        servers.givenSourceFile("a.bin", 1000);
        servers.source().throttle(1024 * 1024);
        servers.givenSourceFile("big.bin", 4L * 1024 * 1024);
        servers.givenSourceFile("c.bin", 1000);
        servers.givenSourceFile("d.bin", 1000);
        Files.writeString(servers.targetFile("c.bin"), "keep c");
        Files.writeString(servers.targetFile("d.bin"), "keep d");
        try (io.github.ftp3p.testing.FaultProxy proxy = io.github.ftp3p.testing.FaultProxy.to(servers.source().port())) {
            String uri = servers.uri("move", "useTempFile=false&replyTimeout=2000&resume=false")
                    .replace(":" + servers.source().port() + "/", ":" + proxy.port() + "/");

            var running = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> sendBatch(uri, List.of("a.bin", "big.bin", "c.bin", "d.bin")));
            Path big = servers.targetFile("big.bin");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Files.exists(big) && Files.size(big) > 0);
            proxy.cutAll();
            Exchange result = running.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                    .hasMessageContaining("big.bin");
            // The STORs of c.bin and d.bin may have been queued behind big.bin's, never run: their files are not
            // this batch's to remove. big.bin's partial file is.
            assertThat(servers.targetFile("c.bin")).hasContent("keep c");
            assertThat(servers.targetFile("d.bin")).hasContent("keep d");
            assertThat(big).doesNotExist();
            assertThat(servers.sourceFile("big.bin")).exists();
        }
    }

    @Test
    void aLaterBatchOfTheSameEndpointIsPipelinedFromItsFirstFile() throws Exception {
        List<String> first = givenSourceFiles("p", 3);
        List<String> later = givenSourceFiles("q", 3);
        String uri = servers.uri("copy", "");
        assertThat(sendBatch(uri, first).getException()).isNull();
        servers.target().clearRecords();

        Exchange result = sendBatch(uri, later);

        assertThat(result.getException()).isNull();
        // Pipelined, the second file's PASV waits on the target behind the first file's STOR, before its rename;
        // a first file copied on its own is renamed before the next file's PASV is sent.
        List<String> target = servers.target().commands();
        int secondPassive = indexOf(target, "PASV", 2);
        int firstRename = indexOf(target, "RNTO", 1);
        assertThat(secondPassive).as(target.toString()).isLessThan(firstRename);
        for (String name : later) {
            assertCopied(name);
        }
    }

    /** The index of the {@code n}th command with {@code verb}. */
    private static int indexOf(List<String> commands, String verb, int n) {
        int seen = 0;
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(verb) && ++seen == n) {
                return i;
            }
        }
        throw new AssertionError("no " + verb + " number " + n + " in " + commands);
    }
}
