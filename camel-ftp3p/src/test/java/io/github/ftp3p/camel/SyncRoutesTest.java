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
}
