package io.github.ftp3p.transfer;

import java.util.List;
import java.util.stream.Collectors;

import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;

/**
 * A tree sync that ended with failed paths (each failed file, a directory that could not be listed, deletions
 * refused). Everything else it could do was done: the {@link #summary} says what. Side and reply code are those
 * of the first failure.
 */
public final class SyncFailedException extends FtpTransferException {

    /** How many failures the message lists; the summary has them all. */
    static final int LISTED = 10;

    private final transient SyncSummary summary;
    private final int code;

    SyncFailedException(SyncSummary summary) {
        super(side(summary.failures().get(0)), null, message(summary), null);
        this.summary = summary;
        this.code = summary.failures().get(0).code();
    }

    private static Side side(SyncEntry first) {
        return Side.TARGET.label().equals(first.side()) ? Side.TARGET : Side.SOURCE;
    }

    private static String message(SyncSummary summary) {
        List<SyncEntry> failures = summary.failures();
        return "The sync finished with " + failures.size() + " failed (" + summary.copied() + " copied, "
                + summary.skipped() + " up to date, " + summary.deleted() + " deleted): "
                + failures.stream().limit(LISTED).map(f -> f.path() + ": " + f.reason()).collect(Collectors.joining("; "))
                + (failures.size() > LISTED ? "; and " + (failures.size() - LISTED) + " more" : "");
    }

    /** What the sync did, failures included. */
    public SyncSummary summary() {
        return summary;
    }

    @Override
    public int replyCode() {
        return code;
    }
}
