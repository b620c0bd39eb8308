package io.github.ftp3p.cluster;

import io.github.ftp3p.camel.Ftp3pConstants;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route every node runs: list the source, claim each file in the shared table, move the claimed file server to
 * server. A move lost to another node is done, not failed, so its claim is released rather than retried; any other
 * failure releases the claim too (camel-ftp's rollback), and the file is claimed again at a later listing. A second
 * route deletes what nodes killed mid-transfer left: temporary files at the target, claims of files now gone.
 */
public class CompetingMoveRoute extends RouteBuilder {

    /** The logger whose lines say which node claimed, moved or lost which file. */
    public static final String NODE_LOG = "ftp3p.node";

    private final NodeSettings settings;

    public CompetingMoveRoute(NodeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        String node = "node=" + settings.node();

        onException(Exception.class)
            .onWhen(exchange -> LostRace.is(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
            .handled(true)
            .log(LoggingLevel.INFO, NODE_LOG, node + " lost file=${header.CamelFileName} because ${exception.message}");
        // Anything else fails the exchange: camel-ftp's rollback releases the claim, and a later listing retries.
        onException(Exception.class)
            .handled(false)
            .log(LoggingLevel.WARN, NODE_LOG, node + " failed file=${header.CamelFileName} because ${exception.message}");

        from(settings.consumerUri()).routeId("competing-move")
            // camel-ftp's CamelFileName is the name relative to the listed directory: the file ftp3p moves.
            .setHeader(Ftp3pConstants.FILE_NAME, header(Exchange.FILE_NAME))
            .log(LoggingLevel.INFO, NODE_LOG, node + " started file=${header.CamelFileName}")
            .to(settings.moverUri())
            .log(LoggingLevel.INFO, NODE_LOG, node + " moved file=${header.CamelFileName} bytes=${header."
                    + Ftp3pConstants.FILE_SIZE + "} ms=${header." + Ftp3pConstants.DURATION + "}");

        // What a node killed mid-transfer wrote under a temporary name is never renamed: every node sweeps it away
        // once it is older than any live transfer (a second node's sweep of the same file is a skipped DELE). The
        // claims of files that are gone, left by a node that died between its DELE and the release, go too.
        from("timer:stale-leftovers?delay=" + settings.cleanupInterval().toMillis()
                + "&period=" + settings.cleanupInterval().toMillis()).routeId("stale-leftovers")
            .process(exchange -> {
                int deleted = exchange.getContext().getRegistry().lookupByNameAndType(ClusterNode.CLAIMS, FileClaims.class)
                        .deleteStaleClaims();
                exchange.getMessage().setHeader("staleClaimsDeleted", deleted);
            })
            .filter(header("staleClaimsDeleted").isGreaterThan(0))
                .log(LoggingLevel.INFO, NODE_LOG, node + " deleted ${header.staleClaimsDeleted} stale claims")
            .end()
            .to(settings.cleanupUri())
            .filter(header(Ftp3pConstants.CLEANUP_DELETED).isGreaterThan(0))
                .log(LoggingLevel.INFO, NODE_LOG, node + " removed ${header." + Ftp3pConstants.CLEANUP_DELETED
                        + "} stale temporary files: ${body}");
    }
}
