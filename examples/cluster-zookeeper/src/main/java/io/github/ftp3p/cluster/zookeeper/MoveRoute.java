package io.github.ftp3p.cluster.zookeeper;

import io.github.ftp3p.camel.Ftp3pConstants;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one route every node runs: {@code master:} starts the listing consumer on the leader only; each file it lists
 * is moved server to server by {@code ftp3p:move}.
 *
 * <p>The listing is camel-ftp with {@code download=false} (only names, no bytes through this host) and
 * {@code noop=true}: ftp3p deletes the source itself once the copy is verified, and noop's idempotent repository
 * lists a file that failed again at the next poll. The repository is in memory and per leadership, which is
 * enough: a moved file is gone from the source, and a new leader must try everything that is still there.
 */
public final class MoveRoute extends RouteBuilder {

    /** The {@code master:} namespace: the ZooKeeper election every node of the cluster joins. */
    public static final String NAMESPACE = "ftp3p-move";
    /** The registry name of the {@link TakeoverCleanup} the listing consumer uses as its poll strategy. */
    public static final String POLL_STRATEGY = "takeoverCleanup";

    private static final Logger LOG = LoggerFactory.getLogger("ftp3p.cluster");

    private final NodeSettings settings;
    private final LeadershipGuard guard;

    public MoveRoute(NodeSettings settings, LeadershipGuard guard) {
        this.settings = settings;
        this.guard = guard;
    }

    /** The move endpoint, also used by the README: both servers, the rest ftp3p's defaults. */
    public static String moveUri(NodeSettings settings) {
        return "ftp3p:move?" + settings.source().ftp3pOptions("source") + "&" + settings.target().ftp3pOptions("target");
    }

    /** The takeover cleanup: every ftp3p temporary file under the target, whatever its age. */
    public static String cleanupUri(NodeSettings settings) {
        return "ftp3p:cleanup?" + settings.target().ftp3pOptions("target") + "&tempFileMaxAge=0";
    }

    /** camel-ftp listing the source: names only, the leader's poll strategy, and no delay at the first poll. */
    static String listingUri(NodeSettings settings) {
        NodeSettings.FtpDirectory source = settings.source();
        return source.uri() + "?download=false&noop=true&idempotentKey=${file:name}-${file:size}-${file:modified}"
                + "&passiveMode=true&initialDelay=0&delay=" + settings.pollDelay().toMillis()
                + "&pollStrategy=#" + POLL_STRATEGY
                + (source.password().isEmpty() ? "" : "&password=RAW(" + source.password() + ")");
    }

    @Override
    public void configure() {
        String node = settings.node();
        // A failed move (the server went away, or a predecessor that was only paused moved the file first) leaves
        // the source where it is; the next poll lists it again. One WARN line, not a stack trace per file.
        errorHandler(defaultErrorHandler().logExhausted(false));
        onException(Exception.class)
                .process(e -> LOG.warn("move failed node={} file={} at={}: {}", node,
                        e.getMessage().getHeader(Exchange.FILE_NAME), System.currentTimeMillis(),
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()));

        from("master:" + NAMESPACE + ":" + listingUri(settings))
                .routeId("move")
                .process(guard)
                .to(moveUri(settings))
                .process(e -> LOG.info("moved node={} file={} bytes={} at={}", node,
                        e.getMessage().getHeader(Exchange.FILE_NAME), e.getMessage().getHeader(Ftp3pConstants.FILE_SIZE),
                        System.currentTimeMillis()));
    }
}
