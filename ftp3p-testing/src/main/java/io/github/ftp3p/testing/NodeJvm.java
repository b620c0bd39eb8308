package io.github.ftp3p.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node of a cluster test in a JVM of its own, started from this JVM's {@code java.home} and class path, its
 * output appended to a log file. {@link #kill()} is SIGKILL ({@link ProcessHandle#destroyForcibly()}): no shutdown
 * hook, no rollback, as in a crash. {@link #close()} asks it to stop (SIGTERM), then kills it. Every wait is bounded
 * by the exit bound given at start.
 */
public final class NodeJvm implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;
    private final Duration exitBound;

    private NodeJvm(String name, Path log, Process process, Duration exitBound) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.exitBound = exitBound;
    }

    /**
     * Starts {@code main} with the JVM options, then {@code -Dftp3p.node=name} and each property as {@code -Dkey=value}.
     *
     * @param exitBound how long a stopping or killed JVM may take to exit
     */
    public static NodeJvm start(String name, Class<?> main, List<String> jvmOptions, Map<String, String> properties,
            Path log, Duration exitBound) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dftp3p.node=" + name);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeJvm(name, log, process, exitBound);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends {@code kill -SIGNAL} (STOP, CONT, ...) to the JVM. */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(exitBound.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
            kill.destroyForcibly();
            throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
        }
    }

    /** SIGKILL, then waits (bounded) until it is gone. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(exitBound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " (pid " + pid() + ") still runs " + exitBound + " after SIGKILL");
        }
    }

    /** SIGCONT (a paused JVM would not handle SIGTERM), SIGTERM, then SIGKILL if it has not ended in time. */
    @Override
    public void close() throws InterruptedException, IOException {
        if (!process.isAlive()) {
            return;
        }
        signal("CONT");
        process.toHandle().destroy();
        if (!process.waitFor(exitBound.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }
}
