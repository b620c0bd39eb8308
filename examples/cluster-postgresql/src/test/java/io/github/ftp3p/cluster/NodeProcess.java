package io.github.ftp3p.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ftp3p.testing.NodeJvm;

/**
 * One {@link ClusterNode} in a JVM of its own, started from this test's class path and {@code java.home}; its
 * output goes to a file, which says what it claimed and moved ({@link CompetingMoveRoute#NODE_LOG} lines).
 */
final class NodeProcess implements AutoCloseable {

    /** A graceful stop finishes the file in hand; the biggest file takes well under a second here. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern EVENT = Pattern.compile("node=\\S+ (started|moved|lost|failed) file=(\\S+)");

    final String name;
    final Path log;
    private final NodeJvm jvm;

    private NodeProcess(NodeJvm jvm) {
        this.jvm = jvm;
        this.name = jvm.name();
        this.log = jvm.log();
    }

    static NodeProcess start(String name, Map<String, String> settings, Path log) throws IOException {
        // vsftpd lists times in GMT and the claim table's times are the nodes' local ones: one zone for all.
        return new NodeProcess(NodeJvm.start(name, ClusterNode.class, List.of("-Xmx256m", "-Duser.timezone=UTC"),
                settings, log, STOP_TIMEOUT));
    }

    long pid() {
        return jvm.pid();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGKILL: no shutdown hook, no rollback, its claims stay in the table until they are stale. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    boolean isReady() throws IOException {
        return output().contains(" ready pid=" + pid());
    }

    /** Files it started and did not finish (moved, lost to another node, or failed), in the order it started them. */
    Set<String> unfinished() throws IOException {
        Set<String> started = new LinkedHashSet<>();
        Matcher m = EVENT.matcher(output());
        while (m.find()) {
            if (m.group(1).equals("started")) {
                started.add(m.group(2));
            } else {
                started.remove(m.group(2));
            }
        }
        return started;
    }

    /** How many files it logged as moved. */
    long moved() throws IOException {
        return EVENT.matcher(output()).results().filter(r -> r.group(1).equals("moved")).count();
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@link #STOP_TIMEOUT}. */
    @Override
    public void close() throws InterruptedException, IOException {
        jvm.close();
    }
}
