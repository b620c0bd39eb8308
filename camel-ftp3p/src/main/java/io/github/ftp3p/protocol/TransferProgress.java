package io.github.ftp3p.protocol;

import java.time.Duration;

/**
 * How far a transfer is, as the target's SIZE shows it (FXP bytes never pass this host).
 *
 * @param targetPath the file being written
 * @param bytes      bytes the target holds so far
 * @param total      the source's size, or -1 when unknown
 * @param elapsed    since the transfer commands were sent
 */
public record TransferProgress(String targetPath, long bytes, long total, Duration elapsed) {

    /** 0-100, or -1 when the total is unknown. */
    public int percent() {
        if (total < 0) {
            return -1;
        }
        return total == 0 ? 100 : (int) Math.min(100, bytes * 100 / total);
    }

    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytes / seconds;
    }

    /** Time left at the average rate so far, or null when it cannot be told. */
    public Duration eta() {
        double rate = bytesPerSecond();
        if (total < 0 || rate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) ((total - bytes) / rate * 1000));
    }
}
