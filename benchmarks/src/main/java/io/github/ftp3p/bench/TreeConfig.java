package io.github.ftp3p.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The settings of the tree scenario ({@link TreeScenario}), from system properties: {@code bench.treeFiles} and
 * {@code bench.treeDirs} (the tree: 2,000 files of 4 KiB in 40 directories), {@code bench.treeRtts} (the round
 * trips, in ms, it runs at), {@code bench.treePairs} (the pairs it runs on), {@code bench.treeLanes} (ftp3p's
 * parallelTransfers, and lftp's mirror --parallel), {@code bench.treeReps} (repetitions: the median is reported
 * with the spread), {@code bench.heapFiles} (the tree of the heap check, on the embedded pair; 0 skips it).
 */
record TreeConfig(int files, int directories, List<Integer> rtts, List<String> pairs, List<Integer> lanes, int reps,
                  int heapFiles) {

    static TreeConfig fromSystemProperties() {
        return new TreeConfig(Integer.getInteger("bench.treeFiles", 2000),
                Math.max(1, Integer.getInteger("bench.treeDirs", 40)),
                list(System.getProperty("bench.treeRtts", "1,20")).stream().map(Integer::valueOf).toList(),
                list(System.getProperty("bench.treePairs", ServerPair.FTPSERVER + ",vsftpd")),
                list(System.getProperty("bench.treeLanes", "1,4,8")).stream().map(Integer::valueOf).toList(),
                Math.max(1, Integer.getInteger("bench.treeReps", 2)),
                Integer.getInteger("bench.heapFiles", 10_000));
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The files per directory: the heap tree keeps the same shape, 50 files a directory by default. */
    int filesPerDirectory() {
        return Math.max(1, files / directories);
    }
}
