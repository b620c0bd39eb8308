package io.github.ftp3p.transfer;

import io.github.ftp3p.protocol.FtpTransferException;

/**
 * Told of each file's end where {@link FxpClient} counts it for its own totals: once per file, after any retry,
 * from the thread that ran it. The Camel layer's meters are one; the transfer layer knows nothing of them.
 */
public interface TransferRecorder {

    TransferRecorder NONE = new TransferRecorder() {
    };

    /**
     * @param result       the finished (or skipped) transfer
     * @param bytesWritten what this attempt wrote on the target: the size less what a resumed transfer had kept
     */
    default void completed(TransferResult result, long bytesWritten) {
    }

    /** @param failure what ended the transfer, carrying the side, command and reply */
    default void failed(FtpTransferException failure) {
    }
}
