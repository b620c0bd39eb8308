package io.github.ftp3p.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim table on a real PostgreSQL 15: what competing nodes may and may not get. */
class FileClaimsTest {

    private static final Duration LOCK_MAX_AGE = Duration.ofSeconds(4);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

    @TempDir
    Path work;

    private PostgresServer database;

    @BeforeEach
    void startPostgres() throws Exception {
        Engines.require(PostgresServer.unavailableReason());
        database = PostgresServer.start(work);
    }

    @AfterEach
    void stopPostgres() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void nodesClaimingTheSameFilesInTheSameOrderGetEachFileOnce() throws Exception {
        List<Node> nodes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (String name : List.of("a", "b", "c")) {
                nodes.add(new Node(database, name));
            }
            List<Future<Set<String>>> claimed = new ArrayList<>();
            for (Node node : nodes) {
                // The way three listings of one directory walk it: the same names in the same order, at once.
                Callable<Set<String>> walk = () -> {
                    Set<String> mine = new HashSet<>();
                    for (int i = 0; i < 2_000; i++) {
                        if (node.claims.add("f-" + i)) {
                            mine.add("f-" + i);
                        }
                    }
                    return mine;
                };
                claimed.add(threads.submit(walk));
            }
            Set<String> all = new HashSet<>();
            int total = 0;
            for (Future<Set<String>> f : claimed) {
                Set<String> mine = f.get(120, TimeUnit.SECONDS);
                total += mine.size();
                all.addAll(mine);
            }
            assertThat(all).hasSize(2_000);
            assertThat(total).as("claims taken, over all nodes").isEqualTo(2_000);
        } finally {
            threads.shutdownNow();
            for (Node node : nodes) {
                node.close();
            }
        }
    }

    @Test
    void aClaimIsTakenOverOnlyOnceItsNodeStoppedRenewingIt() throws Exception {
        try (Node a = new Node(database, "a"); Node b = new Node(database, "b")) {
            Instant claimed = Instant.now();
            assertThat(a.claims.add("x.bin")).isTrue();

            // Older than the max age, but renewed by a live node after that age had passed: not b's.
            awaitRenewedAfter(a, "x.bin", claimed.plus(LOCK_MAX_AGE));
            assertThat(b.claims.add("x.bin")).isFalse();

            // a dies: its renewals stop (shutdown ends the keep-alive), and after the max age b takes the file.
            a.claims.shutdown();
            long died = System.nanoTime();
            await().atMost(LOCK_MAX_AGE.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> b.claims.add("x.bin"));
            assertThat(Duration.ofNanos(System.nanoTime() - died)).isGreaterThanOrEqualTo(LOCK_MAX_AGE.minusSeconds(1));

            // b's claim is b's own now: renewed, and released when b is done.
            awaitRenewedAfter(b, "x.bin", Instant.now().plus(LOCK_MAX_AGE));
            Node c = new Node(database, "c");
            try {
                assertThat(c.claims.add("x.bin")).isFalse();
                assertThat(b.claims.confirm("x.bin")).isTrue();
                assertThat(c.claims.add("x.bin")).isTrue();
            } finally {
                c.close();
            }
        }
    }

    @Test
    void theClaimsADeadNodeLeftForFilesNoOneListsAnyMoreAreDeletedOnceStale() throws Exception {
        try (Node a = new Node(database, "a"); Node b = new Node(database, "b")) {
            assertThat(a.claims.add("gone.bin")).isTrue();
            assertThat(b.claims.add("live.bin")).isTrue();
            assertThat(b.claims.deleteStaleClaims()).as("nothing is stale while both renew").isZero();

            a.claims.shutdown();
            await().atMost(LOCK_MAX_AGE.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> b.claims.deleteStaleClaims() == 1);
            // b's own claim, renewed all along, is still b's.
            assertThat(a.claims.getJdbcTemplate().queryForList("SELECT messageId FROM " + FileClaims.TABLE, String.class))
                    .containsExactly("live.bin");
        }
    }

    /** Waits (bounded) until {@code node}'s keep-alive renewed the claim of {@code file} later than {@code after}. */
    private static void awaitRenewedAfter(Node node, String file, Instant after) {
        await().atMost(LOCK_MAX_AGE.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> node.claims.getJdbcTemplate().queryForObject("SELECT createdAt FROM " + FileClaims.TABLE
                        + " WHERE messageId = ?", Timestamp.class, file).toInstant().isAfter(after));
    }

    /** One node's claims: its own pool and Camel context, as in a JVM of its own. */
    private static final class Node implements AutoCloseable {
        final HikariDataSource dataSource;
        final CamelContext camel;
        final FileClaims claims;

        Node(PostgresServer database, String name) throws Exception {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername(PostgresServer.USER);
            config.setMaximumPoolSize(2);
            dataSource = new HikariDataSource(config);
            camel = new DefaultCamelContext();
            camel.start();
            claims = new FileClaims(dataSource, "test", name + "@1", camel, LOCK_MAX_AGE, KEEP_ALIVE);
            claims.start();
        }

        @Override
        public void close() throws Exception {
            claims.stop();
            camel.close();
            dataSource.close();
        }
    }
}
