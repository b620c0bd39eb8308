package io.github.ftp3p.camel;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.ftp3p.testing.EmbeddedFtpServer;

/**
 * Two embedded Apache FtpServers ("source" with directory "outbox", "target" with "inbox", the default users of
 * {@link EmbeddedFtpServer#start(String, Path)}) in a JVM of their own, so that the threads, descriptors and heap
 * measured in this JVM are the client's alone: the servers' worker pools keep idle threads for up to a minute.
 * The child writes its two ports to a file, then serves until its standard input closes.
 */
final class ForkedFtpServerPair implements AutoCloseable {

    private final Process process;
    private final Path root;
    private final int sourcePort;
    private final int targetPort;

    private ForkedFtpServerPair(Process process, Path root, int sourcePort, int targetPort) {
        this.process = process;
        this.root = root;
        this.sourcePort = sourcePort;
        this.targetPort = targetPort;
    }

    static ForkedFtpServerPair start(Path root) throws IOException {
        Files.createDirectories(root.resolve("source").resolve("outbox"));
        Files.createDirectories(root.resolve("target").resolve("inbox"));
        Path ports = root.resolve("ports");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The servers' output goes to a file: a pipe nobody reads would block their logging once full.
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ForkedFtpServerPair.class.getName(), root.toString())).redirectErrorStream(true)
                .redirectOutput(root.resolve("servers.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ports) || !process.isAlive());
            if (!Files.exists(ports)) {
                throw new IllegalStateException("the forked FTP servers exited; see " + root.resolve("servers.log"));
            }
            String[] port = Files.readString(ports).trim().split(" ");
            return new ForkedFtpServerPair(process, root, Integer.parseInt(port[0]), Integer.parseInt(port[1]));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The endpoint URI for {@code operation} between the two servers, plus options. */
    String uri(String operation, String options) {
        return "ftp3p:" + operation + "?source=ftp://user-source@127.0.0.1:" + sourcePort
                + "/outbox&sourcePassword=RAW(pw-source)&target=ftp://user-target@127.0.0.1:" + targetPort
                + "/inbox&targetPassword=RAW(pw-target)&" + options;
    }

    Path sourceFile(String name) {
        return root.resolve("source").resolve("outbox").resolve(name);
    }

    Path targetFile(String name) {
        return root.resolve("target").resolve("inbox").resolve(name);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The child: {@code args[0]} is the root holding both homes and, once both listen, the file of ports. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        try (EmbeddedFtpServer source = EmbeddedFtpServer.start("source", root.resolve("source"));
             EmbeddedFtpServer target = EmbeddedFtpServer.start("target", root.resolve("target"))) {
            // Written whole, then renamed, so that the parent never reads half a line.
            Path written = Files.writeString(root.resolve("ports.tmp"), source.port() + " " + target.port());
            Files.move(written, root.resolve("ports"), StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // serving until the parent closes this JVM's standard input
            }
        }
        // FtpServer's stop leaves idle pool threads behind for up to a minute.
        System.exit(0);
    }
}
