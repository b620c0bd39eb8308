package io.github.ftp3p.transfer;

import java.util.List;

import io.github.ftp3p.protocol.FtpTransferException;

/**
 * What a batch ({@link FxpClient#transferAll}) ended with. A batch stops at its first failure, and the
 * files before it are finished: {@code results} holds the first files of the request list, in order.
 *
 * @param results the finished transfers, in request order
 * @param failure why the next file failed, or null when every file was transferred; that file and the
 *                ones after it keep their source, and none left a partial file under its final target name
 */
public record BatchResult(List<TransferResult> results, FtpTransferException failure) {

    public BatchResult {
        results = List.copyOf(results);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
