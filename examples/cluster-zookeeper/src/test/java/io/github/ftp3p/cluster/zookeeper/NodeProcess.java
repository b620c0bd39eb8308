package io.github.ftp3p.cluster.zookeeper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.ftp3p.testing.NodeJvm;

/**
 * One {@link ClusterNode} in a JVM of its own ({@link NodeJvm}). {@link #kill()} is SIGKILL: the node gets no
 * chance to give up its leadership, as in a crash. {@link #close()} asks it to stop (SIGTERM), then kills it.
 */
final class NodeProcess implements AutoCloseable {

    /** How long a stopping or killed JVM may take to exit. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(15);
    /**
     * Three JVMs and the test share 2 cores: small heaps, serial GC and C1 only, so that the nodes start fast and
     * leave CPU to the servers.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    private final NodeJvm jvm;

    private NodeProcess(NodeJvm jvm) {
        this.jvm = jvm;
    }

    static NodeProcess start(String name, Map<String, String> properties, Path log) throws IOException {
        return new NodeProcess(NodeJvm.start(name, ClusterNode.class, JVM_OPTIONS, properties, log, EXIT_BOUND));
    }

    String name() {
        return jvm.name();
    }

    Path log() {
        return jvm.log();
    }

    long pid() {
        return jvm.pid();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGSTOP: the JVM freezes as in a long GC pause, its sockets stay open. */
    void pause() throws IOException, InterruptedException {
        jvm.signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() throws IOException, InterruptedException {
        jvm.signal("CONT");
    }

    /** SIGKILL, then waits (bounded) until it is gone. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        jvm.close();
    }
}
