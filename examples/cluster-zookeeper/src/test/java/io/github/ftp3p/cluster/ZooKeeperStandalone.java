package io.github.ftp3p.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's ZooKeeper 3.8 ({@code /usr/share/zookeeper}), started standalone on 127.0.0.1 and a free port in a work
 * directory, as /work/shared/CLUSTER-ENGINES.md describes; {@link #close()} stops it with {@code zkServer.sh stop}
 * and then, if it is still there, kills it by its PID.
 *
 * <p>{@code tickTime} is 500 ms, so sessions may be 1 to 10 s (ZooKeeper bounds them to 2..20 ticks): a dead
 * leader's session expires within seconds. Production ensembles keep the default 2000 ms (4..40 s sessions).
 */
final class ZooKeeperStandalone implements AutoCloseable {

    static final Path HOME = Path.of("/usr/share/zookeeper");
    static final Path SERVER_SCRIPT = HOME.resolve("bin/zkServer.sh");
    static final int TICK_MILLIS = 500;
    /** How long start and stop may take (a JVM starting on a busy 2-core machine). */
    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);

    private final Path config;
    private final Path workDir;
    private final int port;
    private final long pid;

    private ZooKeeperStandalone(Path config, Path workDir, int port, long pid) {
        this.config = config;
        this.workDir = workDir;
        this.port = port;
        this.pid = pid;
    }

    static boolean isInstalled() {
        return Files.isExecutable(SERVER_SCRIPT);
    }

    /** Starts it, or returns empty when the zookeeper package is not installed. */
    static Optional<ZooKeeperStandalone> start(Path workDir) throws IOException, InterruptedException {
        if (!isInstalled()) {
            return Optional.empty();
        }
        Files.createDirectories(workDir.resolve("data"));
        int port = freePort();
        Path config = workDir.resolve("zoo.cfg");
        Files.writeString(config, String.join("\n",
                "tickTime=" + TICK_MILLIS,
                "dataDir=" + workDir.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                // Else its admin HTTP server takes port 8080 on every interface.
                "admin.enableServer=false",
                ""), StandardCharsets.UTF_8);
        int started = script(workDir, "start", config);
        if (started != 0) {
            throw new IllegalStateException("zkServer.sh start exited " + started + ": " + tail(workDir));
        }
        await("ZooKeeper standalone on 127.0.0.1:" + port).atMost(START_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> script(workDir, "status", config) == 0);
        long pid = Long.parseLong(Files.readString(workDir.resolve("data/zookeeper_server.pid")).trim());
        return Optional.of(new ZooKeeperStandalone(config, workDir, port, pid));
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return pid;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script(workDir, "stop", config);
        Optional<ProcessHandle> server = ProcessHandle.of(pid);
        if (server.isPresent() && server.get().isAlive()) {
            server.get().destroyForcibly();
            server.get().onExit().completeOnTimeout(null, STOP_BOUND.toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    private static int script(Path workDir, String command, Path config) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(SERVER_SCRIPT.toString(), command, config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("zkServer.sh.out").toFile()));
        builder.environment().put("ZOO_LOG_DIR", workDir.toString());
        Process process = builder.start();
        if (!process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("zkServer.sh " + command + " did not finish within " + STOP_BOUND);
        }
        return process.exitValue();
    }

    private static String tail(Path workDir) throws IOException {
        List<String> lines = Files.readAllLines(workDir.resolve("zkServer.sh.out"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
