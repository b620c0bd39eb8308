package io.github.ftp3p.transfer;

import java.util.List;
import java.util.Map;

import io.github.ftp3p.protocol.FtpTransferException;

/**
 * What a batch ({@link FxpClient#transferAll}) ended with. A batch stops at its first failure, and the
 * files before it are finished: {@code results} holds the first files of the request list, in order. A pipelined
 * batch has several files in flight: one after the failed file that was already renamed into place when the batch
 * stopped is finished too (its source action done) and listed in {@code finishedAfter}, so that no caller copies it
 * again or reports it as failed.
 *
 * @param results       the finished transfers, in request order
 * @param failure       why the next file failed, or null when every file was transferred; that file and the
 *                      ones after it not in {@code finishedAfter} keep their source, and none left a partial file
 *                      under its final target name
 * @param finishedAfter files after the failed one that were finished anyway, by their index in the request list
 */
public record BatchResult(List<TransferResult> results, FtpTransferException failure,
        Map<Integer, TransferResult> finishedAfter) {

    public BatchResult {
        results = List.copyOf(results);
        finishedAfter = Map.copyOf(finishedAfter);
    }

    public BatchResult(List<TransferResult> results, FtpTransferException failure) {
        this(results, failure, Map.of());
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** Index of the failed file in the request list; only when {@link #succeeded} is false. */
    public int failedIndex() {
        return results.size();
    }
}
