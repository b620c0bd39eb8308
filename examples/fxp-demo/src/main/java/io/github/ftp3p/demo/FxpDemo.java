package io.github.ftp3p.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.github.ftp3p.testing.CountingSocketFactory;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.SyncProgress;
import io.github.ftp3p.protocol.TransferProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.builder.ExchangeBuilder;

/**
 * Starts two FTP servers on loopback ("partner" and "ingest"), puts a few files on the partner, and runs
 * Java DSL routes that copy the invoices, move a large file and mirror a tree of reports to the ingest server
 * with ftp3p, server to server. Prints what each server was told and how many bytes crossed this host.
 */
public final class FxpDemo {

    static final long BIG_FILE_SIZE = 200L * 1024 * 1024;
    private static final List<String> INVOICES = List.of("invoice-001.xml", "invoice-002.xml", "invoice-003.xml");
    private static final String BIG_FILE = "catalogue.bin";
    /** The reports tree: four months of five reports each, and an empty month to come. */
    private static final int MONTHS = 4;
    private static final int REPORTS_PER_MONTH = 5;
    private static final int REPORT_SIZE = 64 * 1024;
    private static final String RESULT = "${header.CamelFileName} -> ${header.CamelFileNameProduced}: "
            + "${header.CamelFtp3pFileSize} bytes in ${header.CamelFtp3pDuration} ms, ${header.CamelFtp3pPassiveSide} passive";

    /** What a run did. */
    public record Summary(int files, long bytes, long millis, long bytesThroughHost, boolean identical) {

        double mibPerSecond() {
            return millis == 0 ? 0 : bytes / 1024.0 / 1024.0 / (millis / 1000.0);
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("fxp-demo");
        try {
            run(work, BIG_FILE_SIZE, System.out);
        } finally {
            deleteTree(work);
        }
    }

    public static Summary run(Path work, long bigFileSize, PrintStream out) throws Exception {
        try (EmbeddedFtpServer partner = EmbeddedFtpServer.start("partner", work.resolve("partner"));
             EmbeddedFtpServer ingest = EmbeddedFtpServer.start("ingest", work.resolve("ingest"));
             CamelContext camel = new DefaultCamelContext()) {
            Path outbox = Files.createDirectories(partner.home().resolve("outbox"));
            Path inbox = Files.createDirectories(ingest.home().resolve("inbox"));
            List<byte[]> originals = new ArrayList<>();
            for (String invoice : INVOICES) {
                byte[] xml = ("<invoice id=\"" + invoice + "\">" + "<line/>".repeat(500) + "</invoice>\n").getBytes();
                Files.write(outbox.resolve(invoice), xml);
                originals.add(xml);
            }
            writeRandom(outbox.resolve(BIG_FILE), bigFileSize);
            Path reports = partner.home().resolve("reports");
            for (int month = 1; month <= MONTHS; month++) {
                for (int report = 1; report <= REPORTS_PER_MONTH; report++) {
                    Path file = reports.resolve("2026-0" + month).resolve("report-" + report + ".pdf");
                    Files.createDirectories(file.getParent());
                    writeRandom(file, REPORT_SIZE);
                }
            }
            Files.createDirectories(reports.resolve("2026-0" + (MONTHS + 1)));
            String bigFileDigest = sha256(outbox.resolve(BIG_FILE));
            out.printf("partner: ftp://%s@127.0.0.1:%d/outbox   ingest: ftp://%s@127.0.0.1:%d/inbox%n",
                    partner.user(), partner.port(), ingest.user(), ingest.port());

            CountingSocketFactory sockets = new CountingSocketFactory();
            camel.getRegistry().bind("countingSockets", sockets);
            String servers = "?source=ftp://" + partner.user() + "@127.0.0.1:" + partner.port() + "/outbox"
                    + "&sourcePassword=RAW(" + partner.password() + ")"
                    + "&target=ftp://" + ingest.user() + "@127.0.0.1:" + ingest.port() + "/inbox"
                    + "&targetPassword=RAW(" + ingest.password() + ")"
                    + "&socketFactory=#countingSockets";
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // Invoices are copied in one batch, pipelined over one connection pair (the partner keeps
                    // them); the catalogue is moved (deleted on the partner once the ingest server holds a copy
                    // of the same size).
                    from("direct:invoices").routeId("copy-invoices")
                            .to("ftp3p:copy" + servers)
                            .log(LoggingLevel.INFO, "fxp-demo", "copied ${header.CamelFtp3pFilesProduced}: "
                                    + "${header.CamelFtp3pFileSize} bytes in ${header.CamelFtp3pDuration} ms");
                    from("direct:catalogue").routeId("move-catalogue")
                            .to("ftp3p:move" + servers + "&progressInterval=100")
                            .log(LoggingLevel.INFO, "fxp-demo", "moved " + RESULT);
                    // The reports tree is mirrored: listed on both servers, copied over four lanes, directories
                    // made (the empty month too). A second run would copy nothing.
                    from("direct:reports").routeId("mirror-reports")
                            .to("ftp3p:sync" + servers.replace("/outbox", "/reports").replace("/inbox", "/reports")
                                    + "&parallelTransfers=4&maxConnections=5")
                            .log(LoggingLevel.INFO, "fxp-demo", "mirrored reports: ${header.CamelFtp3pSyncCopied} files, "
                                    + "${header.CamelFtp3pSyncDirectoriesCreated} directories made, "
                                    + "${header.CamelFtp3pSyncListingBytes} bytes of listings");
                }
            });
            camel.start();
            partner.clearRecords();
            ingest.clearRecords();

            long started = System.nanoTime();
            ProducerTemplate template = camel.createProducerTemplate();
            template.sendBodyAndHeader("direct:invoices", null, Ftp3pConstants.FILE_NAMES, INVOICES);
            moveWithProgressBar(camel, template, bigFileSize, out);
            mirrorWithProgressBar(camel, template, out);
            long millis = (System.nanoTime() - started) / 1_000_000;

            boolean identical = Files.notExists(outbox.resolve(BIG_FILE))
                    && bigFileDigest.equals(sha256(inbox.resolve(BIG_FILE)));
            long bytes = bigFileSize;
            for (int i = 0; i < INVOICES.size(); i++) {
                identical &= Arrays.equals(originals.get(i), Files.readAllBytes(inbox.resolve(INVOICES.get(i))));
                identical &= Files.exists(outbox.resolve(INVOICES.get(i)));
                bytes += originals.get(i).length;
            }
            for (int month = 1; month <= MONTHS; month++) {
                for (int report = 1; report <= REPORTS_PER_MONTH; report++) {
                    Path relative = Path.of("2026-0" + month, "report-" + report + ".pdf");
                    identical &= Files.mismatch(reports.resolve(relative), ingest.home().resolve("reports").resolve(relative)) == -1;
                    bytes += REPORT_SIZE;
                }
            }
            identical &= Files.isDirectory(ingest.home().resolve("reports").resolve("2026-0" + (MONTHS + 1)));
            Summary summary = new Summary(INVOICES.size() + 1 + MONTHS * REPORTS_PER_MONTH, bytes, millis, sockets.total(),
                    identical);
            print(out, partner, ingest, summary);
            return summary;
        }
    }

    /**
     * Moves the catalogue while a progress bar follows the target's size: ftp3p polls it over a third
     * connection and keeps the latest figure in the exchange property CamelFtp3pProgress.
     */
    private static void moveWithProgressBar(CamelContext camel, ProducerTemplate template, long size, PrintStream out)
            throws Exception {
        Exchange exchange = ExchangeBuilder.anExchange(camel).withHeader(Exchange.FILE_NAME, BIG_FILE).build();
        CompletableFuture<Exchange> done = template.asyncSend("direct:catalogue", exchange);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(BIG_FILE).setInitialMax(size / (1024 * 1024))
                .setUnit(" MiB", 1).setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(100)
                .showSpeed().build()) {
            while (!done.isDone()) {
                TransferProgress progress = exchange.getProperty(Ftp3pConstants.PROGRESS, TransferProgress.class);
                if (progress != null) {
                    bar.stepTo(progress.bytes() / (1024 * 1024));
                }
                Thread.sleep(50);
            }
            bar.stepTo(size / (1024 * 1024));
        }
        if (done.get().getException() != null) {
            throw done.get().getException();
        }
    }

    /**
     * Mirrors the reports tree while a progress bar counts the files copied: ftp3p keeps the files and bytes so far
     * in the exchange property CamelFtp3pSyncProgress.
     */
    private static void mirrorWithProgressBar(CamelContext camel, ProducerTemplate template, PrintStream out)
            throws Exception {
        Exchange exchange = ExchangeBuilder.anExchange(camel).build();
        CompletableFuture<Exchange> done = template.asyncSend("direct:reports", exchange);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("reports/").setInitialMax(MONTHS * REPORTS_PER_MONTH)
                .setUnit(" files", 1).setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(100)
                .build()) {
            while (!done.isDone()) {
                SyncProgress progress = exchange.getProperty(Ftp3pConstants.SYNC_PROGRESS, SyncProgress.class);
                if (progress != null) {
                    bar.stepTo(progress.files());
                    bar.setExtraMessage(String.format(" %.1f MiB", progress.bytes() / 1024.0 / 1024.0));
                }
                Thread.sleep(50);
            }
            bar.stepTo(MONTHS * REPORTS_PER_MONTH);
        }
        if (done.get().getException() != null) {
            throw done.get().getException();
        }
    }

    private static void print(PrintStream out, EmbeddedFtpServer partner, EmbeddedFtpServer ingest, Summary s) {
        out.println();
        out.println("Commands the partner (source) server received:");
        partner.commands().forEach(c -> out.println("  " + c));
        out.println("Commands the ingest (target) server received:");
        ingest.commands().forEach(c -> out.println("  " + c));
        out.println();
        out.printf("files:                  %d (3 copied, 1 moved, %d mirrored)%n", s.files(), MONTHS * REPORTS_PER_MONTH);
        out.printf("bytes transferred:      %,d%n", s.bytes());
        out.printf("time:                   %,d ms%n", s.millis());
        out.printf("throughput:             %.1f MiB/s%n", s.mibPerSecond());
        out.printf("bytes via Camel host:   %,d (control connections and the mirror's listings only)%n",
                s.bytesThroughHost());
        out.printf("copies identical:       %s%n", s.identical() ? "yes" : "NO");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(42);
        byte[] buffer = new byte[1 << 16];
        try (OutputStream stream = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                stream.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
