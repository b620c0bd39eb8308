package io.github.ftp3p.camel;

import java.time.Duration;

import io.github.ftp3p.protocol.TransferListener;
import io.github.ftp3p.protocol.TransferProgress;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows one exchange's transfer as it runs: the latest {@link TransferProgress} in the exchange property
 * {@value Ftp3pConstants#PROGRESS}, and an INFO line (percent, MiB/s, ETA) at most every log interval.
 */
final class ProgressLog implements TransferListener {

    private static final Logger LOG = LoggerFactory.getLogger(Ftp3pProducer.class);
    private static final double MIB = 1024.0 * 1024.0;

    private final Exchange exchange;
    private final long intervalNanos;
    private long lastLog = System.nanoTime();

    ProgressLog(Exchange exchange, long intervalMillis) {
        this.exchange = exchange;
        this.intervalNanos = Duration.ofMillis(intervalMillis).toNanos();
    }

    @Override
    public void progress(TransferProgress progress) {
        exchange.setProperty(Ftp3pConstants.PROGRESS, progress);
        long now = System.nanoTime();
        if (intervalNanos > 0 && now - lastLog >= intervalNanos) {
            lastLog = now;
            Duration eta = progress.eta();
            LOG.info("{}: {}% ({} of {} MiB), {} MiB/s, ETA {}", progress.targetPath(),
                    progress.percent() < 0 ? "?" : progress.percent(), format(progress.bytes()),
                    progress.total() < 0 ? "?" : format(progress.total()), format((long) progress.bytesPerSecond()),
                    eta == null ? "?" : eta.toSeconds() + " s");
        }
    }

    @Override
    public void finished(TransferProgress last) {
        exchange.setProperty(Ftp3pConstants.PROGRESS, last);
    }

    private static String format(long bytes) {
        return String.format("%.1f", bytes / MIB);
    }
}
