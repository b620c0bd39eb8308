package io.github.ftp3p.bench;

/**
 * ftp3p's heap over one sync of the large tree on one pair, in its -Xmx64m client JVM.
 *
 * @param peakBytes      the peak heap during the sync (a GC and a peak reset before it; garbage included)
 * @param retainedBefore the heap in use after a GC before the sync
 * @param retainedAfter  the same after it, its summary dropped: what the sync left behind
 */
record HeapResult(String pair, int files, int directories, int lanes, long peakBytes, long retainedBefore,
                  long retainedAfter) {

    long retainedGrowth() {
        return retainedAfter - retainedBefore;
    }
}
