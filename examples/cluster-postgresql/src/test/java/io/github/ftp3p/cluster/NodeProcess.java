package io.github.ftp3p.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private final Process process;

    private NodeProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static NodeProcess start(String name, Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // vsftpd lists times in GMT and the claim table's times are the nodes' local ones: one zone for all.
        command.add("-Duser.timezone=UTC");
        command.add("-Dftp3p.node=" + name);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterNode.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeProcess(name, log, process);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no rollback, its claims stay in the table until they are stale. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }
}
