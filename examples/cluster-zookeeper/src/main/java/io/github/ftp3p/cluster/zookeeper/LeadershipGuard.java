package io.github.ftp3p.cluster.zookeeper;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a node that lost its ZooKeeper session from going on as a second leader.
 *
 * <p>Why it is needed: camel-zookeeper 4.18.0 tells {@code master:} that the leadership is gone by asking ZooKeeper
 * who the new leader is, from the thread Curator has just interrupted. After a session expiry (a pause longer than
 * the session timeout, or a partition) that question fails, no event is fired, and {@code master:} keeps the
 * listing consumer running while another node is leader. Measured with {@code PausedLeaderTest} and this guard
 * switched off: after the paused leader resumed, a wave of 200 files was moved by both nodes at once (130 by the
 * old leader, 70 by the new one, 30 files transferred twice), and the old one never logged "Leadership lost".
 * ftp3p's own race handling kept every file whole and single, but the election meant nothing any more. Curator
 * itself does know: its {@code hasLeadership()} turns false, which {@link CamelClusterService#isLeader(String)}
 * reads.
 *
 * <p>So, three checks of that flag:
 * <ul>
 *   <li>before each file ({@link #process}): a node that is not the leader fails the exchange before any command
 *       is sent (the file stays in the source for the leader);</li>
 *   <li>before each poll ({@link TakeoverCleanup}): it does not even list;</li>
 *   <li>every {@value #WATCH_MILLIS} ms ({@link #watch}): a listing consumer still running on a node that is not
 *       the leader (twice in a row) makes it leave the election and join it again ({@code stopView} then
 *       {@code startView}), which stops the consumer and makes the node a standby again.</li>
 * </ul>
 * What none of this can stop is the command a frozen node sends in the moment it resumes, before Curator has
 * noticed; see docs/many-nodes.adoc, "Fencing".
 */
public final class LeadershipGuard implements Processor {

    static final long WATCH_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger("ftp3p.cluster");

    private final String node;
    private final CamelClusterService cluster;
    private final String namespace;
    private int strayChecks;

    public LeadershipGuard(String node, CamelClusterService cluster, String namespace) {
        this.node = node;
        this.cluster = cluster;
        this.namespace = namespace;
    }

    /** Curator's own flag: true only while this node holds the ZooKeeper leader lock. */
    public boolean isLeader() {
        return cluster.isLeader(namespace);
    }

    @Override
    public void process(Exchange exchange) {
        if (!isLeader()) {
            throw new IllegalStateException("node " + node + " is not the leader any more: "
                    + exchange.getMessage().getHeader(Exchange.FILE_NAME) + " is left to the leader");
        }
    }

    /** Checks, until the executor is shut down, that no listing consumer runs here without the leadership. */
    public void watch(ScheduledExecutorService executor, Supplier<Consumer> listing) {
        executor.scheduleWithFixedDelay(() -> check(listing.get()), WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void check(Consumer listing) {
        boolean stray = listing instanceof ServiceSupport service && service.isStarted() && !isLeader();
        strayChecks = stray ? strayChecks + 1 : 0;
        if (strayChecks < 2) {
            return;
        }
        strayChecks = 0;
        LOG.warn("lost the leadership without being told node={} at={}: stopping the listing and joining the"
                + " election again", node, System.currentTimeMillis());
        try {
            cluster.stopView(namespace);
            cluster.startView(namespace);
            LOG.info("rejoined the election node={} at={}", node, System.currentTimeMillis());
        } catch (Exception e) {
            LOG.error("could not rejoin the election node={}: {}", node, e.toString());
        }
    }
}
