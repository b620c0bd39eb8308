package io.github.ftp3p.protocol;

/**
 * Observes one transfer. Calls come in this order: {@link #started}, any number of {@link #progress}, then
 * exactly one of {@link #finished} or {@link #failed}. Progress calls come from a scheduler thread.
 */
public interface TransferListener {

    TransferListener NONE = new TransferListener() {
    };

    default void started(String sourcePath, String targetPath, long size) {
    }

    default void progress(TransferProgress progress) {
    }

    default void finished(TransferProgress last) {
    }

    default void failed(FtpTransferException failure) {
    }
}
