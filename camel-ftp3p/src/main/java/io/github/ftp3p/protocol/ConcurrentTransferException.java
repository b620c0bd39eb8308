package io.github.ftp3p.protocol;

/**
 * Another writer got there first: the target's final name was created or replaced by someone else while this
 * transfer ran, or the source was gone when this transfer came to delete or move it (two routes or two nodes
 * moving the same file). This attempt removed only what it wrote itself, and changed nothing else.
 */
public final class ConcurrentTransferException extends FtpTransferException {

    public ConcurrentTransferException(Side side, FtpCommand command, FtpReply reply, String message) {
        super(side, command, reply, message, null);
    }
}
