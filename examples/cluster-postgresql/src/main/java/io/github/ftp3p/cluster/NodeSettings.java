package io.github.ftp3p.cluster;

import java.time.Duration;
import java.util.Properties;

/**
 * What one node needs to know, read from system properties ({@code -Dftp3p.node=a ...}); every node of a cluster
 * gets the same values except {@code ftp3p.node}. The defaults of the timings are the production ones
 * (docs/many-nodes.adoc, "Settings"); the test shortens them.
 *
 * @param node               this node's name, in its log lines
 * @param source             the source directory as an ftp3p URL, {@code ftp://user@host:port/dir}; the listing
 *                           consumer reads the same directory
 * @param sourcePassword     empty for none
 * @param target             the target directory as an ftp3p URL
 * @param targetPassword     empty for none
 * @param jdbcUrl            the shared PostgreSQL database holding the claim table
 * @param dbUser             its user
 * @param dbPassword         its password, empty for none
 * @param claimGroup         the processorName column: nodes sharing files use the same; another pair of
 *                           directories uses another
 * @param lockMaxAge         a claim not renewed for this long is taken as its node's death and may be taken over
 * @param keepAliveInterval  how often a node renews the claims it holds; well below {@code lockMaxAge}
 * @param pollDelay          the pause between two listings of the source
 * @param maxFilesPerPoll    files one node claims per listing (and leaves to a takeover if it dies)
 * @param readLockMinAge     how old a file's time must be before it is taken: the sender is done writing it
 * @param readLockCheckInterval how often a file that is too young is looked at again
 * @param readLockTimeout    how long a too-young file may hold the node's consumer before it is skipped for now
 * @param cleanupInterval    how often the node deletes the temporary files that nodes killed mid-transfer left
 * @param staleTempFileAge   how old such a file must be: above the longest transfer, since the other nodes write
 *                           theirs into the same directory meanwhile
 */
public record NodeSettings(String node, String source, String sourcePassword, String target, String targetPassword,
                           String jdbcUrl, String dbUser, String dbPassword, String claimGroup,
                           Duration lockMaxAge, Duration keepAliveInterval, Duration pollDelay, int maxFilesPerPoll,
                           Duration readLockMinAge, Duration readLockCheckInterval, Duration readLockTimeout,
                           Duration cleanupInterval, Duration staleTempFileAge) {

    public NodeSettings {
        if (lockMaxAge.compareTo(keepAliveInterval.multipliedBy(2)) < 0) {
            // A single late renewal must not look like a death.
            throw new IllegalArgumentException("ftp3p.lockMaxAge (" + lockMaxAge + ") must be at least twice "
                    + "ftp3p.keepAliveInterval (" + keepAliveInterval + ")");
        }
    }

    public static NodeSettings from(Properties p) {
        return new NodeSettings(
                required(p, "ftp3p.node"),
                required(p, "ftp3p.source"), p.getProperty("ftp3p.sourcePassword", ""),
                required(p, "ftp3p.target"), p.getProperty("ftp3p.targetPassword", ""),
                required(p, "ftp3p.db.url"), p.getProperty("ftp3p.db.user", "ftp3p"), p.getProperty("ftp3p.db.password", ""),
                p.getProperty("ftp3p.claimGroup", "ftp3p-move"),
                millis(p, "ftp3p.lockMaxAge", 60_000),
                millis(p, "ftp3p.keepAliveInterval", 10_000),
                millis(p, "ftp3p.pollDelay", 5_000),
                Integer.parseInt(p.getProperty("ftp3p.maxFilesPerPoll", "20")),
                // vsftpd and most servers list a recent file's time to the minute only: anything under a minute
                // would take a file whose minute has passed at once.
                millis(p, "ftp3p.readLockMinAge", 90_000),
                millis(p, "ftp3p.readLockCheckInterval", 5_000),
                millis(p, "ftp3p.readLockTimeout", 600_000),
                millis(p, "ftp3p.cleanupInterval", 600_000),
                millis(p, "ftp3p.staleTempFileAge", 3_600_000));
    }

    /**
     * The camel-ftp listing consumer: lists and claims, never downloads, never deletes. {@code readLockMinLength=0}
     * because a file another node moved away between this node's listing and its read lock lists as 0 bytes: with
     * the default 1 the read lock would hold the consumer for {@code readLockTimeout} waiting for it to grow; with 0
     * it goes on at once, and the move reports the file gone (a lost race).
     */
    public String consumerUri() {
        return source + "?" + (sourcePassword.isEmpty() ? "" : "password=RAW(" + sourcePassword + ")&")
                + "download=false&noop=true"
                + "&idempotent=true&idempotentRepository=#" + ClusterNode.CLAIMS + "&idempotentKey=${file:name}"
                + "&readLock=changed&fastExistsCheck=true&readLockMinLength=0"
                + "&readLockMinAge=" + readLockMinAge.toMillis()
                + "&readLockCheckInterval=" + readLockCheckInterval.toMillis()
                + "&readLockTimeout=" + readLockTimeout.toMillis()
                + "&maxMessagesPerPoll=" + maxFilesPerPoll + "&delay=" + pollDelay.toMillis()
                + "&passiveMode=true&binary=true";
    }

    /** The FXP move of the claimed file. */
    public String moverUri() {
        return "ftp3p:move?source=" + source + (sourcePassword.isEmpty() ? "" : "&sourcePassword=RAW(" + sourcePassword + ")")
                + "&target=" + target + (targetPassword.isEmpty() ? "" : "&targetPassword=RAW(" + targetPassword + ")");
    }

    /** Deletes the temporary files under the target at least {@link #staleTempFileAge} old. */
    public String cleanupUri() {
        return "ftp3p:cleanup?target=" + target + (targetPassword.isEmpty() ? "" : "&targetPassword=RAW(" + targetPassword + ")")
                + "&tempFileMaxAge=" + staleTempFileAge.toMillis();
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing system property " + key);
        }
        return value;
    }

    private static Duration millis(Properties p, String key, long defaultMillis) {
        return Duration.ofMillis(Long.parseLong(p.getProperty(key, Long.toString(defaultMillis))));
    }
}
