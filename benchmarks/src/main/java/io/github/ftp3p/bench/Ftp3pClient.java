package io.github.ftp3p.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.transfer.SyncSummary;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * ftp3p driven through Camel: one {@code ftp3p:copy} endpoint (its connection pools live as long as this JVM),
 * sent one exchange per file by a {@link ProducerTemplate}; in parallel, by that many threads sharing the endpoint.
 * In batches, one exchange per thread names all its files. A tree goes to an {@code ftp3p:sync} endpoint.
 */
final class Ftp3pClient implements CopyClient {

    private final ProducerTemplate template;
    private final String uri;
    private final Server source;
    private final Server target;
    private final String extraOptions;

    Ftp3pClient(CamelContext camel, Server source, Server target, String extraOptions) {
        this.template = camel.createProducerTemplate();
        this.source = source;
        this.target = target;
        this.extraOptions = extraOptions.isBlank() ? "" : "&" + extraOptions;
        this.uri = "ftp3p:copy?" + side("source", source, "") + "&" + side("target", target, "")
                + "&socketFactory=#countingSockets&maxConnections=4" + this.extraOptions;
    }

    /** The source or target option of an endpoint, to {@code sub} under the server's benchmark directory. */
    static String side(String name, Server server, String sub) {
        String option = name + "=ftp://" + server.user() + "@" + server.host() + ":" + server.port() + "/"
                + server.ftpPath(sub);
        return server.password().isEmpty() ? option : option + "&" + name + "Password=RAW(" + server.password() + ")";
    }

    /**
     * One {@code ftp3p:sync} exchange between the two {@code sub} directories, with {@code lanes} parallel transfers
     * and one connection pair more for the listing (maxConnections = lanes + 1); an endpoint per lane count, whose
     * pools outlive the exchange, as in a route that syncs on a timer.
     */
    @Override
    public SyncCounts sync(String sub, int lanes) {
        String sync = "ftp3p:sync?" + side("source", source, sub) + "&" + side("target", target, sub)
                + "&socketFactory=#countingSockets&parallelTransfers=" + lanes + "&maxConnections=" + (lanes + 1)
                + extraOptions;
        SyncSummary summary = template.requestBody(sync, null, SyncSummary.class);
        return new SyncCounts(summary.copied(), summary.skipped(), summary.failed(), summary.roundTrips());
    }

    @Override
    public void copy(String sub, String name) {
        template.sendBodyAndHeader(uri, null, Exchange.FILE_NAME, sub + "/" + name);
    }

    /**
     * {@code parallel} exchanges at once, each naming its share of the files in CamelFtp3pFileNames: ftp3p's way
     * to move many files, pipelined across them on each connection pair.
     */
    @Override
    public void copyBatches(String sub, List<String> names, int parallel) throws Exception {
        inLanes(parallel, lane -> {
            List<String> share = new ArrayList<>();
            for (int i = lane * names.size() / parallel; i < (lane + 1) * names.size() / parallel; i++) {
                share.add(sub + "/" + names.get(i));
            }
            template.sendBodyAndHeader(uri, null, Ftp3pConstants.FILE_NAMES, share);
        });
    }

    @Override
    public void copyAll(String sub, List<String> names, int parallel) throws Exception {
        AtomicInteger next = new AtomicInteger();
        inLanes(parallel, lane -> {
            for (int n; (n = next.getAndIncrement()) < names.size(); ) {
                copy(sub, names.get(n));
            }
        });
    }

    /** Runs {@code lane} for 0 to {@code parallel - 1}, each on a thread of its own (one: this thread), and waits. */
    private static void inLanes(int parallel, IntConsumer lane) throws Exception {
        if (parallel == 1) {
            lane.accept(0);
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                int index = i;
                running.add(threads.submit(() -> lane.accept(index)));
            }
            for (Future<?> done : running) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
