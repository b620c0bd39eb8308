package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routes of the Examples section of docs/ftp3p-component.adoc, against two embedded servers. */
class DocumentedRoutesTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    /**
     * The documented batch route (also the recipe of docs/recipes.adoc): one exchange per poll of {@code listing},
     * naming every file the poll found, moved or copied by {@code ftp3p} as one batch; each batch's
     * CamelFtp3pFilesProduced goes to {@code batches}.
     */
    static RouteBuilder batchPerPoll(String listing, String ftp3p, Consumer<List<?>> batches) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(listing)
                    .aggregate(constant(true), AggregationStrategies.flexible(String.class)
                            .pick(header(Exchange.FILE_NAME)).accumulateInCollection(ArrayList.class))
                        .completionFromBatchConsumer()
                    .setHeader(Ftp3pConstants.FILE_NAMES, body())
                    .to(ftp3p)
                    .log("${header.CamelFtp3pFilesProduced.size()} files moved")
                    .process(e -> batches.accept(e.getMessage().getHeader(Ftp3pConstants.FILES_PRODUCED, List.class)));
            }
        };
    }

    @Test
    void aCamelFtpListingAggregatedIntoOneExchangeMovesEveryFileInOneBatch() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            names.add("drop-" + i + ".csv");
            servers.givenSourceFile("drop-" + i + ".csv", 1000 + i);
        }
        List<List<?>> batches = new CopyOnWriteArrayList<>();
        String listing = "ftp://" + servers.source().user() + "@127.0.0.1:" + servers.source().port()
                + "/outbox?password=RAW(" + servers.source().password() + ")"
                + "&download=false&noop=true&passiveMode=true&delay=60000";
        String move = servers.uri("move", "");
        servers.camel().addRoutes(batchPerPoll(listing, move, batches::add));

        await().atMost(Duration.ofSeconds(20)).until(() -> !batches.isEmpty());

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(25);
        for (String name : names) {
            assertThat(servers.sourceFile(name)).doesNotExist();
            assertThat(servers.targetFile(name)).exists();
        }
    }
}
