package io.github.ftp3p.camel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ftp3p.protocol.TransferListener;
import io.github.ftp3p.protocol.TransferProgress;
import org.apache.camel.Exchange;

/**
 * A sync's progress so far, kept in the exchange property {@value Ftp3pConstants#SYNC_PROGRESS} as each file ends
 * (the lanes end files concurrently); each file's own progress goes on to the usual {@link ProgressLog}.
 *
 * @param files files copied so far
 * @param bytes bytes copied so far
 */
public record SyncProgress(int files, long bytes) {

    /** Counts the files as they end, on any lane. */
    static TransferListener listener(Exchange exchange, long logIntervalMillis) {
        ProgressLog perFile = new ProgressLog(exchange, logIntervalMillis);
        AtomicInteger files = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        exchange.setProperty(Ftp3pConstants.SYNC_PROGRESS, new SyncProgress(0, 0));
        return new TransferListener() {
            @Override
            public void progress(TransferProgress progress) {
                perFile.progress(progress);
            }

            @Override
            public void finished(TransferProgress last) {
                perFile.finished(last);
                long total = bytes.addAndGet(Math.max(0, last.bytes()));
                exchange.setProperty(Ftp3pConstants.SYNC_PROGRESS, new SyncProgress(files.incrementAndGet(), total));
            }
        };
    }
}
