package io.github.ftp3p.transfer;

/** Which source files a tree sync copies, as lftp mirror and FluentFTP's sync modes decide it. */
public enum SyncMode {

    /**
     * Files missing on the target, differing in size, or older there than on the source by more than the time
     * tolerance (lftp mirror's default, {@code --only-newer} aside).
     */
    UPDATE,
    /** Only files missing on the target: anything present is left as it is. */
    NEW_ONLY,
    /** Every file, present or not. */
    OVERWRITE
}
