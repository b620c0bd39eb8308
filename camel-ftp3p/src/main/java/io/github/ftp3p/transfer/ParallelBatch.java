package io.github.ftp3p.transfer;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ftp3p.protocol.FtpTransferException;

/**
 * What a batch split over lanes ended with: each lane stops at its first failure, so the files finished need not
 * be the first ones of the list.
 *
 * @param finished each file finished, in the order of the list
 * @param failed   the first file (in the list's order) that failed, or null
 * @param failure  its failure, or null
 */
public record ParallelBatch(Map<TransferRequest, TransferResult> finished, TransferRequest failed,
        FtpTransferException failure) {

    public ParallelBatch {
        finished = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(finished));
    }

    public boolean succeeded() {
        return failure == null;
    }
}
