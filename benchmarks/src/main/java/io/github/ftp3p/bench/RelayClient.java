package io.github.ftp3p.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The camel-ftp relay, as users write it: {@code from("ftp://A/dir").to("ftp://B/dir")}. Every byte is
 * downloaded to this JVM and uploaded again; with {@code streamDownload=true} the upload reads the download's
 * stream, so nothing is held in memory or on disk. For N files in parallel there are N routes, each with a
 * filter for its share of the files (a file consumer polls one file at a time). The routes are added for each
 * request and removed when every file has been copied.
 */
final class RelayClient implements CopyClient {

    private static final String FTP = "passiveMode=true&binary=true&stepwise=false&ftpClient.socketFactory=#countingSockets";

    private final CamelContext camel;
    private final Server source;
    private final Server target;

    RelayClient(CamelContext camel, Server source, Server target) {
        this.camel = camel;
        this.source = source;
        this.target = target;
    }

    @Override
    public void copy(String sub, String name) throws Exception {
        copyAll(sub, List.of(name), 1);
    }

    @Override
    public void copyAll(String sub, List<String> names, int parallel) throws Exception {
        CountDownLatch done = new CountDownLatch(names.size());
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        List<String> routes = new ArrayList<>();
        for (int lane = 0; lane < parallel; lane++) {
            Set<String> share = new HashSet<>();
            for (int i = lane; i < names.size(); i += parallel) {
                share.add(names.get(i));
            }
            String filter = "relayLane" + lane;
            camel.getRegistry().bind(filter, GenericFileFilter.class,
                    (GenericFileFilter<Object>) file -> share.contains(file.getFileName()));
            String id = "relay-" + lane;
            routes.add(id);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri(source, sub) + "&streamDownload=true&noop=true&idempotent=false&initialDelay=0"
                            + "&delay=3600000&maxMessagesPerPoll=0&autoCreate=false&filter=#" + filter)
                            .routeId(id)
                            // As a production route would: retry a failed upload (e.g. 425 on PASV) a few times.
                            .onException(Exception.class).maximumRedeliveries(3).redeliveryDelay(10).handled(true)
                                .process(e -> {
                                    failures.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).toString());
                                    done.countDown();
                                })
                            .end()
                            .to(uri(target, sub))
                            .process(e -> done.countDown());
                }
            });
        }
        try {
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the relay copied " + (names.size() - done.getCount()) + " of "
                        + names.size() + " files in 30 minutes");
            }
        } finally {
            for (String id : routes) {
                camel.getRouteController().stopRoute(id, 10, TimeUnit.SECONDS);
                camel.removeRoute(id);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " relay copies failed, first: " + failures.peek());
        }
    }

    private static String uri(Server server, String sub) {
        String uri = "ftp://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + server.ftpPath(sub)
                + "?" + FTP;
        return server.password().isEmpty() ? uri : uri + "&password=RAW(" + server.password() + ")";
    }
}
