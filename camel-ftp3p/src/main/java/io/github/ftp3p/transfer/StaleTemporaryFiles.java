package io.github.ftp3p.transfer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpTransferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes temporary files that a killed process left in a target directory (tempFileMaxAge, off by default).
 * A transfer never leaves its temporary file behind while it runs to an end, and a new exchange does not reuse
 * another's temporary name ({@link TemporaryName}), so such files would stay for ever. Looked for at most once
 * per directory and maxAge, when a transfer first writes into it: its names ({@link TemporaryFileCleanup.Names}),
 * and for each name of the form
 * tempPrefix + name + "." + 8 hex digits, MDTM; one older than maxAge is deleted. A file being written has a
 * fresh time; set maxAge well above the longest stall and redelivery delay, and above any clock difference
 * between this host and the server (MDTM is the server's UTC clock).
 */
final class StaleTemporaryFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StaleTemporaryFiles.class);
    private static final DateTimeFormatter MDTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String prefix;
    private final Duration maxAge;
    private final Pattern temporary;
    private final Map<String, Instant> swept = new ConcurrentHashMap<>();

    StaleTemporaryFiles(String prefix, Duration maxAge) {
        this.prefix = prefix;
        this.maxAge = maxAge;
        this.temporary = TemporaryName.pattern(prefix);
    }

    /** Whether {@code directory} is due for a look now; claims it, so that concurrent transfers look once. */
    boolean claim(String directory, Instant now) {
        Instant[] claimed = new Instant[1];
        swept.compute(directory, (dir, last) -> {
            boolean due = last == null || !now.isBefore(last.plus(maxAge));
            claimed[0] = due ? now : null;
            return due ? now : last;
        });
        return claimed[0] != null;
    }

    /**
     * Deletes the stale temporary files of {@code directory} ({@link TemporaryFileCleanup#deleteOld}); a failure is
     * logged and costs only the cleanup, never the transfer.
     *
     * @return the paths deleted
     */
    List<String> sweep(FxpClient client, ControlConnection target, String directory, Instant now) {
        try {
            TemporaryFileCleanup.Names names = TemporaryFileCleanup.Names.of(client, target, directory);
            return TemporaryFileCleanup.deleteOld(target, directory, names.files(), temporary, maxAge, now);
        } catch (FtpTransferException e) {
            LOG.warn("Could not look for stale temporary files ({}*) in {}: {}", prefix, directory, e.getMessage());
            return List.of();
        }
    }

    /** MDTM's time (UTC), or null. */
    static Instant modified(FtpReply mdtm) {
        String time = mdtm.timeValue();
        if (time == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(time, MDTM).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
