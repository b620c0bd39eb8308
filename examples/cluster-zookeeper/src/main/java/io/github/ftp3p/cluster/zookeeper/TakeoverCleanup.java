package io.github.ftp3p.cluster.zookeeper;

import io.github.ftp3p.camel.Ftp3pConstants;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy of the leader's listing consumer: before the first poll of each leadership, deletes the
 * temporary files ({@code .ftp3p.<name>.<8 hex>}) that the previous leader left in the target when it died
 * mid-transfer.
 *
 * <p>Why here and not in a leadership listener: {@code master:} creates a new consumer each time this node becomes
 * leader, and its polls are the only place this node transfers. Cleaning in the first {@link #begin} of a new
 * consumer therefore runs after the leadership was won and before any transfer of this leadership, in the same
 * thread, so it can never delete a temporary file of this node's own transfers ({@code tempFileMaxAge=0} deletes
 * them all, whatever their age). A failed cleanup skips the poll, and the next poll tries again: nothing is moved
 * before the target is clean.
 */
public final class TakeoverCleanup extends DefaultPollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger("ftp3p.cluster");

    private final String node;
    private final ProducerTemplate template;
    private final String cleanupUri;
    private final LeadershipGuard guard;
    private volatile Consumer cleanedFor;
    private volatile boolean skipping;

    /**
     * @param cleanupUri the {@code ftp3p:cleanup?target=...&tempFileMaxAge=0} endpoint, or null to clean nothing
     *                   (the leadership is still logged)
     */
    public TakeoverCleanup(String node, ProducerTemplate template, String cleanupUri, LeadershipGuard guard) {
        this.node = node;
        this.template = template;
        this.cleanupUri = cleanupUri;
        this.guard = guard;
    }

    /** The listing consumer of the current (or last) leadership, null before the first. */
    public Consumer listing() {
        return cleanedFor;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (!guard.isLeader()) {
            // A consumer master: failed to stop (see LeadershipGuard): no listing, no move.
            if (!skipping) {
                LOG.warn("not the leader any more node={} at={}: polls skipped until master: stops the listing", node,
                        System.currentTimeMillis());
                skipping = true;
            }
            return false;
        }
        skipping = false;
        if (consumer == cleanedFor) {
            return true;
        }
        long started = System.currentTimeMillis();
        if (cleanupUri != null) {
            Exchange done = template.send(cleanupUri, exchange -> { });
            if (done.getException() != null) {
                LOG.warn("takeover cleanup failed node={}: {}; this poll is skipped, the next one tries again", node,
                        done.getException().toString());
                return false;
            }
            LOG.info("takeover cleanup node={} deleted={} in {} ms: {}", node,
                    done.getMessage().getHeader(Ftp3pConstants.CLEANUP_DELETED), System.currentTimeMillis() - started,
                    done.getMessage().getBody());
        }
        LOG.info("leader polling node={} at={}", node, System.currentTimeMillis());
        cleanedFor = consumer;
        return true;
    }
}
