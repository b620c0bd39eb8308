package io.github.ftp3p.transfer;

import io.github.ftp3p.protocol.FtpTransferException;

/**
 * What a tree sync did with one path, relative to the synced directories ("a/b.csv"; a directory ends with "/").
 *
 * @param path    the path
 * @param action  what was done
 * @param size    the file's size in bytes, or -1 for a directory or when unknown
 * @param reason  why (a skipped file: "up to date"; a failure: the message), or null
 * @param side    the side whose failure it is ("source", "target"), or null
 * @param command the failed command, or null
 * @param code    the failed command's reply code, or 0
 */
public record SyncEntry(String path, Action action, long size, String reason, String side, String command, int code) {

    /** What a sync did, or with dryRun would do. */
    public enum Action { COPIED, SKIPPED, DELETED, DIRECTORY_CREATED, FAILED, WOULD_COPY, WOULD_DELETE, WOULD_CREATE }

    static SyncEntry of(String path, Action action, long size, String reason) {
        return new SyncEntry(path, action, size, reason, null, null, 0);
    }

    static SyncEntry failed(String path, long size, FtpTransferException failure) {
        return new SyncEntry(path, Action.FAILED, size, failure.getMessage(),
                failure.side() == null ? null : failure.side().label(),
                failure.command() == null ? null : failure.command().toString(), failure.replyCode());
    }
}
