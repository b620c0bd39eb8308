package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import io.github.ftp3p.protocol.Ranges;
import io.github.ftp3p.protocol.TransferListener;

/**
 * What one tree sync does (see {@link TreeSync}).
 *
 * @param recursive        go into subdirectories
 * @param maxDepth         the deepest level listed below the source directory (its files are level 0), 0 to
 *                         {@link #MAX_DEPTH}
 * @param filter           which files take part, by their path relative to the source directory ("a/b.csv");
 *                         files it refuses are neither copied nor deleted
 * @param mode             which files are copied
 * @param timeTolerance    modification times closer than this count as equal (LIST and MDTM round, clocks differ)
 * @param deleteExtraneous delete target files (and then empty directories) that the source lacks
 * @param maxDeletes       more deletions than this refuses them all, as a brake against a source that looks empty;
 *                         0 to {@link Integer#MAX_VALUE}
 * @param dryRun           list and plan only: nothing is written, deleted or created
 * @param lanes            connection pairs copying at once, 1 to {@link Ranges#MAX_CONNECTIONS}
 * @param continueOnError  a failed file (or directory listing) does not stop the sync
 * @param listener         told about each file copied
 */
public record SyncSettings(boolean recursive, int maxDepth, Predicate<String> filter, SyncMode mode,
        Duration timeTolerance, boolean deleteExtraneous, int maxDeletes, boolean dryRun, int lanes,
        boolean continueOnError, TransferListener listener) {

    /** Deeper trees than this are refused: a server presenting a directory loop must not hold the sync for ever. */
    public static final int MAX_DEPTH = 100;

    public SyncSettings {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(listener, "listener");
        Ranges.requireNotNegative("timeTolerance", timeTolerance);
        Ranges.requireBetween("maxDepth", maxDepth, 0, MAX_DEPTH);
        Ranges.requireBetween("maxDeletes", maxDeletes, 0, Integer.MAX_VALUE);
        Ranges.requireBetween("parallelTransfers", lanes, 1, Ranges.MAX_CONNECTIONS);
    }
}
