package io.github.ftp3p.cluster.zookeeper;

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
 * directory, with the configuration of /work/shared/CLUSTER-ENGINES.md, as a child of this JVM:
 * {@code zkServer.sh start-foreground} execs the server JVM, so the process started here is the server, its output
 * goes to the work directory, and {@link #close()} stops it by its PID (SIGTERM, then SIGKILL). Why not
 * {@code zkServer.sh start}: Debian's {@code zkEnv.sh} sets {@code ZOO_LOG_DIR=/var/log/zookeeper} whatever the
 * environment says, so the daemon's output would land there, shared by every run.
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

    private final Process server;
    private final int port;

    private ZooKeeperStandalone(Process server, int port) {
        this.server = server;
        this.port = port;
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
        Process server = new ProcessBuilder(List.of(SERVER_SCRIPT.toString(), "start-foreground", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("zookeeper.out").toFile())
                .start();
        try {
            await("ZooKeeper standalone on 127.0.0.1:" + port).atMost(START_BOUND).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!server.isAlive()) {
                            throw new IllegalStateException("ZooKeeper exited " + server.exitValue() + ": "
                                    + tail(workDir.resolve("zookeeper.out")));
                        }
                        return status(workDir, config) == 0;
                    });
        } catch (RuntimeException e) {
            stop(server);
            throw e;
        }
        return Optional.of(new ZooKeeperStandalone(server, port));
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return server.pid();
    }

    @Override
    public void close() throws InterruptedException {
        stop(server);
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** {@code zkServer.sh status}: 0 once the server answers on its client port. */
    private static int status(Path workDir, Path config) throws IOException, InterruptedException {
        Process status = new ProcessBuilder(List.of(SERVER_SCRIPT.toString(), "status", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("zkServer-status.out").toFile()))
                .start();
        if (!status.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            status.destroyForcibly();
            throw new IllegalStateException("zkServer.sh status did not finish within " + STOP_BOUND);
        }
        return status.exitValue();
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
