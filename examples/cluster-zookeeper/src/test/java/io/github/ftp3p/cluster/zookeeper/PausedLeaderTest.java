package io.github.ftp3p.cluster.zookeeper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fencing case (docs/many-nodes.adoc, "Fencing"): a leader that is only paused (SIGSTOP, as in a long GC pause)
 * while it writes a large file, for longer than its ZooKeeper session. The standby takes over and cleans the
 * target; then the old leader resumes, with its sockets and its transfer where they were. ZooKeeper cannot stop
 * the commands it sends in that moment; what must hold is that no file is lost or damaged, that it stops moving
 * once Curator tells it the leadership is gone ({@link LeadershipGuard}: camel-zookeeper alone does not tell
 * {@code master:}), and that it is a standby again afterwards: when the new leader is killed, it takes over.
 *
 * <p>Bounds: a leader within 60 s; the large file half-written within 90 s; each takeover within 60 s; the resumed
 * node's guard within 30 s of its resumption; each wave moved within 120 s.
 */
class PausedLeaderTest {

    private static final int FILES = 300;

    @TempDir
    Path work;

    @Test
    void aLeaderPausedPastItsSessionStopsMovingWhenItResumesAndStandsByAgain() throws Exception {
        try (ClusterFixture cluster = ClusterFixture.start("paused-leader", work)) {
            cluster.startNode("node-1");
            cluster.startNode("node-2");
            cluster.awaitALeader();
            String large = cluster.drop(1, FILES, ActivePassiveFailoverTest.LARGE_BYTES);
            long written = cluster.awaitHalfWritten(large, ActivePassiveFailoverTest.LARGE_BYTES);
            String stale = cluster.currentLeader();
            NodeProcess paused = cluster.node(stale);
            paused.pause();
            long pausedAt = System.currentTimeMillis();
            NodeEvents.Move first = ActivePassiveFailoverTest.awaitFirstMoveByAnotherNode(cluster, stale, pausedAt);
            String successor = first.node();
            paused.resume();
            long resumedAt = System.currentTimeMillis();

            // The guard: the resumed node finds it is not the leader, and master: stops its listing.
            long noticedAt = await(stale + " finds it is not the leader").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> NodeEvents.read(List.of(paused.log())).strayChecks(), checks -> !checks.isEmpty())
                    .get(0);
            await(stale + "'s listing stopped").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(paused.log()).contains("Leadership lost. Consumer stopped"));
            cluster.awaitAllMoved(Duration.ofSeconds(120));
            List<NodeEvents.Move> staleMoves = NodeEvents.read(List.of(paused.log())).moves().stream()
                    .filter(m -> m.at() > pausedAt).toList();
            assertThat(staleMoves).as("moves by " + stale + " after it found it was not the leader")
                    .allMatch(m -> m.at() <= noticedAt);
            long staleFailures = Files.readAllLines(paused.log()).stream()
                    .filter(l -> l.contains("move failed node=" + stale)).count();

            // A standby again: it takes over when the new leader dies.
            NodeProcess newLeader = cluster.node(successor);
            newLeader.kill();
            long killedAt = System.currentTimeMillis();
            cluster.drop(2, 50, 1);
            NodeEvents.Move back = ActivePassiveFailoverTest.awaitFirstMoveByAnotherNode(cluster, successor, killedAt);
            assertThat(back.node()).isEqualTo(stale);
            cluster.awaitAllMoved(Duration.ofSeconds(120));

            cluster.assertEveryFileMovedOnceWithItsBytes();
            List<String> leftovers = cluster.temporaryFiles();
            Map<String, Integer> duplicates = cluster.duplicateStors();
            System.out.printf("paused leader: %s paused at %d bytes of %s; %s moved its first file after %d ms;"
                            + " %s resumed, found it was not the leader %d ms later and stopped, having moved %d files"
                            + " and failed %d meanwhile; after %s was killed, %s took over in %d ms;"
                            + " files=%d duplicates=%s leftovers=%s%n",
                    stale, written, large, successor, first.at() - pausedAt, stale, noticedAt - resumedAt,
                    staleMoves.size(), staleFailures, successor, stale, back.at() - killedAt,
                    cluster.digests().size(), duplicates, leftovers);
            assertThat(leftovers).as("temporary files").isEmpty();
        }
    }
}
