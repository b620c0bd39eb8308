package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routes of docs/recipes.adoc, each against the two embedded servers: the same endpoints and options, with the
 * servers' ports and passwords in place of the page's placeholders and a short poll delay in place of an hour.
 */
class RecipesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    /** The camel-ftp consumer of the source's outbox that lists without downloading, plus the recipe's options. */
    private String listing(String options) {
        return "ftp://127.0.0.1:" + servers.source().port() + "/outbox?username=" + servers.source().user()
                + "&password=RAW(" + servers.source().password() + ")&download=false&passiveMode=true&delay=200&"
                + options;
    }

    private void route(String from, String to) throws Exception {
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        });
    }

    @Test
    void aScheduledRecursivePollCopiesTheTreeCreatingTheTargetDirectoriesButNotTheEmptyOnes() throws Exception {
        Path ab = servers.givenSourceFile("2026/12/ledger.csv", 1_000);
        Path top = servers.givenSourceFile("summary.csv", 200);
        Path c = servers.givenSourceFile("2026/archive/old.csv", 300);
        Files.createDirectories(servers.sourceFile("empty/nothing-here"));

        route(listing("recursive=true&noop=true"), servers.uri("copy", ""));

        await().atMost(PATIENCE).until(() -> Files.exists(servers.targetFile("2026/12/ledger.csv"))
                && Files.exists(servers.targetFile("summary.csv")) && Files.exists(servers.targetFile("2026/archive/old.csv")));
        assertThat(Files.mismatch(ab, servers.targetFile("2026/12/ledger.csv"))).isEqualTo(-1L);
        assertThat(Files.mismatch(top, servers.targetFile("summary.csv"))).isEqualTo(-1L);
        assertThat(Files.mismatch(c, servers.targetFile("2026/archive/old.csv"))).isEqualTo(-1L);
        assertThat(servers.targetFile("empty")).as("an empty directory has no file to copy").doesNotExist();
        assertThat(servers.sourceFile("2026/12/ledger.csv")).as("copy leaves the source").exists();
    }

    @Test
    void camelFtpMovesEachSourceFileToDoneAfterItsCopyAndToFailedWhenTheCopyFailed() throws Exception {
        servers.givenSourceFile("ok.csv", 500);
        servers.givenSourceFile("clash.csv", 600);
        Files.writeString(servers.targetFile("clash.csv"), "already there");

        route(listing("move=.done&moveFailed=.failed"), servers.uri("copy", "fileExist=Fail"));

        await().atMost(PATIENCE).until(() -> Files.exists(servers.sourceFile(".done/ok.csv"))
                && Files.exists(servers.sourceFile(".failed/clash.csv")));
        assertThat(servers.targetFile("ok.csv")).hasSize(500);
        assertThat(servers.targetFile("clash.csv")).hasContent("already there");
        assertThat(servers.sourceFile("ok.csv")).doesNotExist();
        assertThat(servers.sourceFile("clash.csv")).doesNotExist();
    }

    @Test
    void eachPollOfAtMostTenFilesIsMovedAsOneBatch() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            names.add(String.format("invoice-%02d.pdf", i));
            servers.givenSourceFile(names.get(i), 100 + i);
        }
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        servers.camel().addRoutes(DocumentedRoutesTest.batchPerPoll(listing("noop=true&maxMessagesPerPoll=10"),
                servers.uri("move", ""), batch -> batchSizes.add(batch.size())));

        await().atMost(PATIENCE).until(() -> batchSizes.stream().mapToInt(Integer::intValue).sum() == 25);

        assertThat(batchSizes).containsExactly(10, 10, 5);
        for (String name : names) {
            assertThat(servers.sourceFile(name)).doesNotExist();
            assertThat(servers.targetFile(name)).exists();
        }
    }
}
