package io.github.ftp3p.camel;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two embedded Apache FtpServers on 127.0.0.1 (source with directory "outbox", target with "inbox"), each
 * with its own home and user, and a started CamelContext; all made before each test and stopped after it.
 */
public final class FtpServerPair implements BeforeEachCallback, AfterEachCallback {

    private Path root;
    private EmbeddedFtpServer source;
    private EmbeddedFtpServer target;
    private CamelContext camel;
    private ProducerTemplate template;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("ftp3p-test");
        source = EmbeddedFtpServer.start("source", root.resolve("source"));
        target = EmbeddedFtpServer.start("target", root.resolve("target"));
        Files.createDirectories(source.home().resolve("outbox"));
        Files.createDirectories(target.home().resolve("inbox"));
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
        deleteTree(root);
    }

    public EmbeddedFtpServer source() {
        return source;
    }

    public EmbeddedFtpServer target() {
        return target;
    }

    public CamelContext camel() {
        return camel;
    }

    /** The endpoint URI for {@code operation} between the two servers, in the documented form, plus options. */
    public String uri(String operation, String options) {
        return "ftp3p:" + operation + "?source=" + source.uriWithoutUser("outbox") + "&sourceUsername=" + source.user()
                + "&sourcePassword=RAW(" + source.password() + ")"
                + "&target=" + target.uriWithoutUser("inbox") + "&targetUsername=" + target.user()
                + "&targetPassword=RAW(" + target.password() + ")"
                + (options.isEmpty() ? "" : "&" + options);
    }

    /**
     * The attempt part of the temporary names of exchanges sent by {@link #send}, so that a test can name them; an
     * exchange sent otherwise gets a random one, as in production.
     */
    public static final String ATTEMPT = "7e57";

    /** The temporary name ftp3p writes {@code name} under in an exchange sent by {@link #send}. */
    public static String temp(String name) {
        return ".ftp3p." + name + "." + ATTEMPT;
    }

    /** Sends one exchange naming {@code fileName} to the endpoint; the returned exchange holds any exception. */
    public Exchange send(String uri, String fileName) {
        return template.request(uri, e -> {
            e.getMessage().setHeader(Exchange.FILE_NAME, fileName);
            e.setProperty(Ftp3pConstants.ATTEMPT, ATTEMPT);
        });
    }

    /** The names in {@code dir} that are ftp3p temporary files (with the default prefix), of any attempt. */
    public static List<String> temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".ftp3p.")).toList();
        }
    }

    public Path sourceFile(String name) {
        return source.home().resolve("outbox").resolve(name);
    }

    public Path targetFile(String name) {
        return target.home().resolve("inbox").resolve(name);
    }

    /** Writes {@code size} pseudo-random bytes (seeded by the name, so a rerun writes the same) to the source. */
    public Path givenSourceFile(String name, long size) {
        Path file = sourceFile(name);
        writeRandom(file, size, name.hashCode());
        return file;
    }

    public static void writeRandom(Path file, long size, long seed) {
        Random random = new Random(seed);
        byte[] buffer = new byte[1 << 16];
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long left = size; left > 0; left -= buffer.length) {
                    random.nextBytes(buffer);
                    out.write(buffer, 0, (int) Math.min(buffer.length, left));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class whose threads wait for a transfer's replies; package-private, so looked up: a rename fails here. */
    private static final String TRANSFER_LEG = transferLeg();

    private static String transferLeg() {
        try {
            return Class.forName(io.github.ftp3p.protocol.FxpTransfer.class.getPackageName() + ".TransferLeg").getName();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the class that waits for transfer replies moved: update this check", e);
        }
    }

    /** No thread is still waiting for a transfer's reply (a leaked TransferLeg), within 5 seconds. */
    public static void assertNoThreadWaitingForAReply() {
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().values().stream()
                .flatMap(Arrays::stream).noneMatch(frame -> frame.getClassName().equals(TRANSFER_LEG)));
    }

    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
