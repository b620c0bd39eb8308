package io.github.ftp3p.cluster.zookeeper;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.remote.FtpEndpoint;
import org.apache.camel.component.master.MasterEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The listing URI that master: wraps, as Camel resolves it: nothing runs, no server is reached. */
class MoveRouteTest {

    @Test
    void aPasswordWithUriCharactersReachesTheListingConsumerUnchanged() throws Exception {
        String password = "p&ss=w)rd?#%+ 1";
        NodeSettings settings = new NodeSettings("node-1", "127.0.0.1:1", Duration.ofSeconds(30), Duration.ofSeconds(15),
                new NodeSettings.FtpDirectory("ftp://partner@127.0.0.1:2121/outbox", password),
                new NodeSettings.FtpDirectory("ftp://ingest@127.0.0.1:2122/inbox", ""), Duration.ofSeconds(5), true);
        // The node's context as ClusterNode builds it, not started: ZooKeeper is never contacted.
        try (CamelContext context = ClusterNode.create(settings)) {
            MasterEndpoint master = context.getEndpoint("master:" + MoveRoute.NAMESPACE + ":"
                    + MoveRoute.listingUri(settings), MasterEndpoint.class);
            FtpEndpoint<?> listing = (FtpEndpoint<?>) master.getEndpoint();

            assertThat(listing.getConfiguration().getPassword()).isEqualTo(password);
            assertThat(listing.getConfiguration().getDirectory()).isEqualTo("outbox");
            assertThat(listing.isNoop()).isTrue();
        }
    }
}
