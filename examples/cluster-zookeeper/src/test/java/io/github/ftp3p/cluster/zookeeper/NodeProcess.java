package io.github.ftp3p.cluster.zookeeper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ClusterNode} in a JVM of its own, started from this JVM's {@code java.home} and class path, its output
 * in a log file. {@link #kill()} is SIGKILL ({@link ProcessHandle#destroyForcibly()}): the node gets no chance to
 * give up its leadership, as in a crash. {@link #close()} asks it to stop (SIGTERM), then kills it.
 */
final class NodeProcess implements AutoCloseable {

    /** How long a stopping or killed JVM may take to exit. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(15);

    private final String name;
    private final Path log;
    private final Process process;

    private NodeProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static NodeProcess start(String name, Map<String, String> properties, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Three JVMs and the test share 2 cores: small heaps, serial GC and C1 only, so that the nodes start fast
        // and leave CPU to the servers.
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.add("-Dftp3p.node=" + name);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterNode.class.getName()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        return new NodeProcess(name, log, process);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGSTOP: the JVM freezes as in a long GC pause, its sockets stay open. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
            kill.destroyForcibly();
            throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
        }
    }

    /** SIGKILL, then waits (bounded) until it is gone. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + pid() + ") still runs " + EXIT_BOUND + " after SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (!process.isAlive()) {
            return;
        }
        resume(); // a paused JVM would not handle SIGTERM
        process.toHandle().destroy();
        if (!process.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            kill();
        }
    }
}
