package io.github.ftp3p.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL 15 from the Debian package, as its own cluster in a temporary directory on 127.0.0.1 and a free port
 * (never the package's cluster "main" on 5432). It refuses to run as root, so initdb and pg_ctl run as the user
 * postgres; the login is the superuser {@code ftp3p} with trust authentication, on loopback only.
 */
final class PostgresServer implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String USER = "ftp3p";
    /** initdb plus a start takes 2-5 s here; pg_ctl's own wait ({@code -w -t}) is bounded by this. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path data;
    private final Path log;
    private final int port;

    private PostgresServer(Path data, Path log, int port) {
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** Why it cannot run here, or null. */
    static String unavailableReason() {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_ctl"))) {
            return "PostgreSQL 15 is not installed (" + BIN + "; apt-get install postgresql-15)";
        }
        try {
            if (run(List.of("id", "-u", "postgres"), Duration.ofSeconds(10), null) != 0) {
                return "there is no user postgres to run PostgreSQL as";
            }
        } catch (IOException e) {
            return "cannot run id: " + e.getMessage();
        }
        return null;
    }

    static PostgresServer start(Path workDir) throws IOException {
        // mktemp-like directories are 0700: the user postgres must be able to reach its data directory.
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(workDir.resolve("pg"));
        check(List.of("chown", "postgres:", home.toString()), null);
        Path data = home.resolve("data");
        Path log = home.resolve("postgres.log");
        int port = freePort();
        Path output = home.resolve("commands.log");
        check(List.of("su", "postgres", "-c", BIN.resolve("initdb") + " -D " + data + " -A trust -U " + USER + " -E UTF8"),
                output);
        check(List.of("su", "postgres", "-c", BIN.resolve("pg_ctl") + " -D " + data + " -l " + log + " -w -t "
                + START_TIMEOUT.toSeconds() + " -o '-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1'"
                + " start"), output);
        return new PostgresServer(data, log, port);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Path logFile() {
        return log;
    }

    /** pg_ctl stop (fast: sessions are cut); if that does not end it, the postmaster's PID is killed. */
    @Override
    public void close() throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        long pid = Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
        try {
            run(List.of("su", "postgres", "-c", BIN.resolve("pg_ctl") + " -D " + data + " -m fast -w -t 30 stop"),
                    Duration.ofSeconds(40), null);
        } finally {
            if (pid > 0) {
                ProcessHandle.of(pid).filter(h -> h.info().command().orElse("").contains("postgres"))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a command that must succeed; its output goes to {@code output} (null: discarded), named when it fails. */
    private static void check(List<String> command, Path output) throws IOException {
        int exit = run(command, START_TIMEOUT.plusSeconds(10), output);
        if (exit != 0) {
            throw new IOException("exit " + exit + " from " + String.join(" ", command)
                    + (output == null ? "" : "; its output is in " + output));
        }
    }

    private static int run(List<String> command, Duration timeout, Path output) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("no end within " + timeout + ": " + String.join(" ", command));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
