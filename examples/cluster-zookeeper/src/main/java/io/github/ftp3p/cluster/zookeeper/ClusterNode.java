package io.github.ftp3p.cluster.zookeeper;

import java.util.concurrent.CountDownLatch;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the active/passive cluster: joins the ZooKeeper election and runs {@link MoveRoute}, which moves
 * files only while this node is the leader. Configured by system properties ({@link NodeSettings}); runs until the
 * JVM is told to stop (SIGTERM stops Camel cleanly, which gives the leadership up at once).
 *
 * <pre>
 * java -Dftp3p.node=node-1 -Dftp3p.zookeeper=zk1:2181,zk2:2181,zk3:2181 \
 *      -Dftp3p.source=ftp://partner@host-a:21/outbox -Dftp3p.source.password=... \
 *      -Dftp3p.target=ftp://ingest@host-b:21/inbox -Dftp3p.target.password=... \
 *      -cp ... io.github.ftp3p.cluster.ClusterNode
 * </pre>
 */
public final class ClusterNode {

    private static final Logger LOG = LoggerFactory.getLogger("ftp3p.cluster");
    /** The ZooKeeper path under which the elections live, one child per {@code master:} namespace. */
    public static final String BASE_PATH = "/ftp3p/cluster";

    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        NodeSettings settings = NodeSettings.fromSystemProperties();
        CamelContext context = create(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.stop();
            stopped.countDown();
        }, "ftp3p-node-stop"));
        context.start();
        LOG.info("started node={} zookeeper={} sessionTimeout={}ms pid={}", settings.node(), settings.zookeeper(),
                settings.sessionTimeout().toMillis(), ProcessHandle.current().pid());
        stopped.await();
    }

    /** The node's Camel context, not started: cluster service, takeover cleanup, route, leadership log. */
    public static CamelContext create(NodeSettings settings) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(settings.node());

        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setId(settings.node());
        cluster.setNodes(settings.zookeeper());
        cluster.setBasePath(BASE_PATH);
        cluster.setSessionTimeout(settings.sessionTimeout().toMillis());
        cluster.setConnectTimeout(settings.connectTimeout().toMillis());
        context.addService(cluster);
        // The view is shared with master: (one election per namespace); this listener only logs what it decides. It
        // is added once everything started (the service has no configuration before), and is told the current state.
        context.addStartupListener((camel, alreadyStarted) -> cluster.getView(MoveRoute.NAMESPACE)
                .addEventListener((CamelClusterEventListener.Leadership) (view, leader) -> {
                    if (view.getLocalMember().isLeader()) {
                        LOG.info("became leader node={} at={}", settings.node(), System.currentTimeMillis());
                    } else {
                        LOG.info("not leader node={} leader={} at={}", settings.node(),
                                leader == null ? "none" : leader.getId(), System.currentTimeMillis());
                    }
                }));

        LeadershipGuard guard = new LeadershipGuard(settings.node(), cluster, MoveRoute.NAMESPACE);
        TakeoverCleanup cleanup = new TakeoverCleanup(settings.node(), context.createProducerTemplate(),
                settings.cleanupOnTakeover() ? MoveRoute.cleanupUri(settings) : null, guard);
        context.getRegistry().bind(MoveRoute.POLL_STRATEGY, cleanup);
        context.addStartupListener((camel, alreadyStarted) -> guard.watch(
                camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(guard, "ftp3p-leadership-guard"),
                cleanup::listing));
        context.addRoutes(new MoveRoute(settings, guard));
        return context;
    }
}
