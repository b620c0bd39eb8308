package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ftp3p.transfer.SyncEntry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routes of docs/sync.adoc, against two embedded servers. */
class SyncRoutesTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    @Test
    void aScheduledMirrorCopiesTheTreeAndItsSummaryMarshalsToJsonAndSplitsPerFile() throws Exception {
        servers.givenSourceFile("a/one.csv", 100);
        servers.givenSourceFile("a/b/two.csv", 200);
        List<String> json = new CopyOnWriteArrayList<>();
        List<String> perFile = new CopyOnWriteArrayList<>();
        String sync = servers.uri("sync", "");
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:mirror?repeatCount=1")
                    .to(sync)
                    .log("mirrored: ${header.CamelFtp3pSyncCopied} copied, ${header.CamelFtp3pSyncSkipped} up to date")
                    .wireTap("direct:files")
                    .marshal().json(JsonLibrary.Jackson)
                    .process(e -> json.add(e.getMessage().getBody(String.class)));
                from("direct:files")
                    .split(simple("${body.entries}"))
                    .process(e -> perFile.add(e.getMessage().getBody(SyncEntry.class).path()));
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> json.size() == 1 && perFile.size() >= 4);

        assertThat(json.get(0)).contains("\"copied\":2").contains("\"path\":\"a/b/two.csv\"").contains("\"action\":\"COPIED\"");
        assertThat(perFile).contains("a/one.csv", "a/b/two.csv", "a/", "a/b/");
        assertThat(servers.targetFile("a/b/two.csv")).hasSize(200);
    }

    @Test
    void aMirrorBehindMasterRunsOnceThisNodeLeadsTheCluster() throws Exception {
        servers.givenSourceFile("leader.csv", 10);
        Path locks = Files.createTempDirectory("ftp3p-cluster");
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setRoot(locks.toString());
        cluster.setAcquireLockDelay(Duration.ofMillis(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        servers.camel().addService(cluster);
        String sync = servers.uri("sync", "");
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:ftp3p-mirror:timer:mirror?repeatCount=1").to(sync);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(servers.targetFile("leader.csv")));

        assertThat(servers.targetFile("leader.csv")).hasSize(10);
        FtpServerPair.deleteTree(locks);
    }

    @Test
    void aMirrorWithDeletesRunsOnlyWhenTheDryRunFindsFewEnough() throws Exception {
        servers.givenSourceFile("keep.csv", 10);
        Files.createDirectories(servers.targetFile(""));
        for (int i = 0; i < 3; i++) {
            Files.write(servers.targetFile("old" + i + ".csv"), new byte[5]);
        }
        String dryRun = servers.uri("sync", "deleteExtraneous=true&dryRun=true");
        String deleting = servers.uri("sync", "deleteExtraneous=true&maxDeletes=20");
        List<String> outcome = new CopyOnWriteArrayList<>();
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:mirror?repeatCount=1")
                    .to(dryRun)
                    .choice()
                        .when(simple("${header.CamelFtp3pSyncDeleted} <= 20"))
                            .to(deleting).process(e -> outcome.add("synced"))
                        .otherwise()
                            .process(e -> outcome.add("too many"));
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> !outcome.isEmpty());

        assertThat(outcome).containsExactly("synced");
        assertThat(servers.targetFile("keep.csv")).exists();
        assertThat(servers.targetFile("old0.csv")).doesNotExist();
    }

    @Test
    void onlyTheCsvFilesAreMirroredOverFourLanes() throws Exception {
        for (int i = 0; i < 12; i++) {
            servers.givenSourceFile("d" + (i % 3) + "/r" + i + (i % 2 == 0 ? ".csv" : ".tmp"), 100 + i);
        }
        String sync = servers.uri("sync", "antInclude=**/*.csv&parallelTransfers=4&maxConnections=5");
        List<Integer> copied = new CopyOnWriteArrayList<>();
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:mirror?repeatCount=1").to(sync)
                    .process(e -> copied.add(e.getMessage().getHeader(Ftp3pConstants.SYNC_COPIED, Integer.class)));
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> !copied.isEmpty());

        assertThat(copied).containsExactly(6);
        assertThat(servers.targetFile("d0/r0.csv")).exists();
        assertThat(servers.targetFile("d1/r1.tmp")).doesNotExist();
    }
}
