package io.github.ftp3p.cluster;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the active/active cluster: the same on every host, configured by system properties
 * ({@link NodeSettings#from}). Runs until it is stopped (SIGTERM: Camel finishes the file in hand and releases the
 * claims it has not started).
 */
public final class ClusterNode {

    /** The registry name of the claim table, as the consumer URI refers to it. */
    static final String CLAIMS = "fileClaims";

    private static final Logger LOG = LoggerFactory.getLogger(CompetingMoveRoute.NODE_LOG);

    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        NodeSettings settings = NodeSettings.from(System.getProperties());
        CountDownLatch stopped = new CountDownLatch(1);
        try (HikariDataSource database = dataSource(settings); CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind(CLAIMS, new FileClaims(database, settings.claimGroup(), owner(settings), camel,
                    settings.lockMaxAge(), settings.keepAliveInterval()));
            camel.addRoutes(new CompetingMoveRoute(settings));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                camel.stop();
                stopped.countDown();
            }, "node-shutdown"));
            camel.start();
            LOG.info("node={} ready pid={} lockMaxAge={} keepAlive={}", settings.node(), ProcessHandle.current().pid(),
                    settings.lockMaxAge(), settings.keepAliveInterval());
            stopped.await();
        }
    }

    /** The node's name and this process: a node started again under the same name is a new owner. */
    static String owner(NodeSettings settings) {
        return settings.node() + "@" + ProcessHandle.current().pid() + "." + HexFormat.of().toHexDigits(
                new SecureRandom().nextInt());
    }

    private static HikariDataSource dataSource(NodeSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.dbUser());
        config.setPassword(settings.dbPassword());
        // The consumer's claims and the keep-alive thread's renewals, each on its own connection.
        config.setMaximumPoolSize(3);
        config.setPoolName("claims-" + settings.node());
        return new HikariDataSource(config);
    }
}
