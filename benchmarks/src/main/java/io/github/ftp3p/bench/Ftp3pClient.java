package io.github.ftp3p.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * ftp3p driven through Camel: one {@code ftp3p:copy} endpoint (its connection pools live as long as this JVM),
 * sent one exchange per file by a {@link ProducerTemplate}; in parallel, by that many threads sharing the endpoint.
 */
final class Ftp3pClient implements CopyClient {

    private final ProducerTemplate template;
    private final String uri;

    Ftp3pClient(CamelContext camel, Server source, Server target, String extraOptions) {
        this.template = camel.createProducerTemplate();
        this.uri = "ftp3p:copy?" + side("source", source) + "&" + side("target", target)
                + "&socketFactory=#countingSockets&maxConnections=4"
                + (extraOptions.isBlank() ? "" : "&" + extraOptions);
    }

    private static String side(String name, Server server) {
        String option = name + "=ftp://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + server.ftpRoot();
        return server.password().isEmpty() ? option : option + "&" + name + "Password=RAW(" + server.password() + ")";
    }

    @Override
    public void copy(String sub, String name) {
        template.sendBodyAndHeader(uri, null, Exchange.FILE_NAME, sub + "/" + name);
    }

    @Override
    public void copyAll(String sub, List<String> names, int parallel) throws Exception {
        if (parallel == 1) {
            for (String name : names) {
                copy(sub, name);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                lanes.add(threads.submit(() -> {
                    for (int n; (n = next.getAndIncrement()) < names.size(); ) {
                        copy(sub, names.get(n));
                    }
                }));
            }
            for (Future<?> lane : lanes) {
                lane.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
