package io.github.ftp3p.bench;

import java.util.List;

/** A way of getting files from the source to the target, run inside a client JVM ({@link ClientMain}). */
interface CopyClient {

    /** Copies {@code sub/name} from the source's benchmark directory to the same place on the target. */
    void copy(String sub, String name) throws Exception;

    /** Copies every named file of {@code sub}, {@code parallel} at a time. */
    void copyAll(String sub, List<String> names, int parallel) throws Exception;

    /** Copies every named file of {@code sub} in {@code parallel} batches (one request each), when the client has batches. */
    default void copyBatches(String sub, List<String> names, int parallel) throws Exception {
        throw new UnsupportedOperationException("no batches");
    }

    /** Mirrors the tree {@code sub} to the target with {@code lanes} copying at once; returns how many files it copied and skipped. */
    default SyncCounts sync(String sub, int lanes) throws Exception {
        throw new UnsupportedOperationException("no sync");
    }

    /** What one sync did, from its summary. */
    record SyncCounts(int copied, int skipped, int failed, long roundTrips) {
    }
}
