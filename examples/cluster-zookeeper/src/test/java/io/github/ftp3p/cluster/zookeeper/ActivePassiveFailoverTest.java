package io.github.ftp3p.cluster.zookeeper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Active/passive on ZooKeeper, for real: Debian's ZooKeeper, two vsftpd (FXP allowed) and three {@link ClusterNode}
 * JVMs running the same {@code master:} route. 2,000 files arrive in four waves; twice the leader is killed with
 * SIGKILL while it transfers a large file, once restarted. At the end every file is at the target once, with its
 * bytes, the source is empty, no temporary file is left (the new leader's takeover cleanup removed what the dead
 * one was writing) and the moves came from one node at a time.
 *
 * <p>Bounds (Awaitility {@code atMost}, all generous for 2 busy cores): a leader elected 60 s after the nodes start;
 * a large file seen half-written at the target within 90 s of its wave; a takeover (a move by another node) within
 * 60 s of a kill (it takes the 3 s session timeout, the 1 s master: start delay and a poll); half of a wave moved
 * within 120 s; everything moved within 180 s of the last wave. The figures (takeover times, wall time) are
 * printed, never asserted.
 */
class ActivePassiveFailoverTest {

    private static final int FILES = 2_000;
    private static final int WAVES = 4;
    private static final int KILLS = 2;
    /** Large enough that a transfer lasts long enough to be caught half-way (about 250 ms on loopback here). */
    static final int LARGE_BYTES = 96 * 1024 * 1024;

    @TempDir
    Path work;

    private final List<Kill> kills = new ArrayList<>();

    /** One SIGKILL: of whom, when, which file was half-written then, and who took over how fast. */
    record Kill(String node, Path log, long at, String file, long bytesWritten, String successor, long firstMoveAt) {
    }

    @Test
    void aKilledLeaderIsReplacedByTheStandbyWhichFinishesTheWork() throws Exception {
        long started = System.currentTimeMillis();
        try (ClusterFixture cluster = ClusterFixture.start("active-passive", work)) {
            for (String node : List.of("node-1", "node-2", "node-3")) {
                cluster.startNode(node);
            }
            cluster.awaitALeader();
            int perWave = FILES / WAVES;
            for (int wave = 1; wave <= WAVES; wave++) {
                String large = cluster.drop(wave, perWave, LARGE_BYTES);
                if (wave <= KILLS) {
                    Kill kill = killTheLeaderWhileItWrites(cluster, large);
                    kills.add(kill);
                    if (wave == 1) {
                        cluster.startNode(kill.node()); // back, as a standby
                    }
                } else if (wave < WAVES) {
                    // The next wave lands while this one is still being moved.
                    await("half of wave " + wave + " moved").atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> cluster.sourceFinalNames().size() < perWave / 2);
                }
            }
            cluster.awaitAllMoved(Duration.ofSeconds(180));
            report(cluster, System.currentTimeMillis() - started);
        }
    }

    private void report(ClusterFixture cluster, long wallMillis) throws Exception {
        cluster.assertEveryFileMovedOnceWithItsBytes();
        List<String> leftovers = cluster.temporaryFiles();
        assertThat(leftovers).as("temporary files after the takeover cleanups").isEmpty();

        // One node at a time: the moves form one run per leadership, each by a node that had been elected, and a
        // killed node moved nothing after its kill.
        NodeEvents events = cluster.events();
        List<List<NodeEvents.Move>> runs = events.runs();
        assertThat(runs.size()).as("runs of moves by one node").isLessThanOrEqualTo(KILLS + 1);
        for (Kill kill : kills) {
            assertThat(NodeEvents.read(List.of(kill.log())).moves()).filteredOn(m -> m.at() > kill.at())
                    .as("moves by " + kill.node() + " after it was killed").isEmpty();
        }
        for (List<NodeEvents.Move> run : runs) {
            assertThat(events.leaderships()).as("leadership before the moves of " + run.get(0).node())
                    .anyMatch(l -> l.node().equals(run.get(0).node()) && l.at() <= run.get(0).at());
        }
        assertThat(events.moves()).extracting(NodeEvents.Move::file).doesNotHaveDuplicates();
        // What each successor's takeover cleanup removed: the temporary file the killed leader was writing.
        for (Kill kill : kills) {
            assertThat(events.cleanups()).as("takeover cleanup by " + kill.successor())
                    .anyMatch(c -> c.node().equals(kill.successor()) && c.paths().contains(".ftp3p." + kill.file() + "."));
        }
        int cleanedUp = events.cleanups().stream().mapToInt(NodeEvents.Cleanup::deleted).sum();

        // The target's own log: every STOR went to a temporary name; a final name was written twice only when its
        // transfer was in flight at a kill.
        assertThat(cluster.storsPerFinalName().keySet()).containsExactlyInAnyOrderElementsOf(cluster.digests().keySet());
        Map<String, Integer> duplicates = cluster.duplicateStors();
        Set<String> inFlight = kills.stream().map(Kill::file).collect(Collectors.toSet());
        assertThat(inFlight).containsAll(duplicates.keySet());
        assertThat(duplicates.values()).allMatch(n -> n == 2);

        System.out.printf("active/passive on ZooKeeper: files=%d kills=%d duplicates=%s"
                        + " temporaryFilesDeletedByTakeoverCleanups=%d leftovers=%d wall=%.1fs%n",
                cluster.digests().size(), kills.size(), duplicates, cleanedUp, leftovers.size(), wallMillis / 1000.0);
        for (Kill kill : kills) {
            System.out.printf("  kill of %s at %s bytes of %s -> %s moved its first file after %d ms%n", kill.node(),
                    kill.bytesWritten(), kill.file(), kill.successor(), kill.firstMoveAt() - kill.at());
        }
        System.out.printf("  moves per run: %s%n", runs.stream().map(r -> r.get(0).node() + "=" + r.size()).toList());
    }

    /** Waits until the large file is half-written, kills the leader (SIGKILL), waits for another node's first move. */
    private static Kill killTheLeaderWhileItWrites(ClusterFixture cluster, String large) throws InterruptedException {
        long written = cluster.awaitHalfWritten(large, LARGE_BYTES);
        String leader = cluster.currentLeader();
        long at = System.currentTimeMillis();
        NodeProcess killed = cluster.node(leader);
        killed.kill();
        NodeEvents.Move first = awaitFirstMoveByAnotherNode(cluster, leader, at);
        return new Kill(leader, killed.log(), at, large, written, first.node(), first.at());
    }

    /** At most 60 s: the session timeout, camel-master's 1 s start delay and a poll, on a busy machine. */
    static NodeEvents.Move awaitFirstMoveByAnotherNode(ClusterFixture cluster, String leader, long since) {
        return await("a move by another node than " + leader).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.events().moves().stream().filter(m -> m.at() > since && !m.node().equals(leader))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
