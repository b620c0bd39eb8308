package io.github.ftp3p.transfer;

import java.util.Objects;

import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.TransferListener;

/**
 * One file to transfer, with names relative to each side's directory (none may climb out of it with
 * {@code ..}).
 *
 * @param sourceName   the file on the source
 * @param targetName   the name to give it on the target
 * @param sourceAction what happens to the source once the copy is verified
 * @param sourceMoveTo where {@link SourceAction#MOVE} renames the source to, relative to the source directory
 * @param moveExisting where {@link FileExist#MOVE} renames an existing target to, relative to the target directory
 * @param listener     told about the transfer's progress
 * @param retry        an earlier attempt at this transfer may have broken off: look for its partial temporary
 *                     file to resume from (a Camel redelivery; the client's own retry)
 * @param attempt      what makes this transfer's temporary names unique ({@link TemporaryName}); the same for every
 *                     retry of one transfer so that a retry finds its partial file; null for a new random one
 * @param listed       what listings taken just before showed of this file (a sync), or null
 */
public record TransferRequest(String sourceName, String targetName, SourceAction sourceAction, String sourceMoveTo,
        String moveExisting, TransferListener listener, boolean retry, String attempt, Listed listed) {

    /**
     * What a sync's listings of both directories showed of one file, moments before it is copied. It stands in for
     * the SIZE on the source and the SIZE and MDTM of the final name on the target, which a copy would otherwise
     * ask just before its STOR to learn the same: three commands less per file for both servers to answer.
     *
     * @param sourceSize     the source's size in the listing (MLSD size fact, LIST size column); negative: unknown
     * @param absentOnTarget a listing of the target directory that succeeded lacked the final name (or the directory)
     */
    public record Listed(long sourceSize, boolean absentOnTarget) {
    }

    public TransferRequest {
        Paths.requireContained("source file name", sourceName);
        Paths.requireContained("target file name", targetName);
        Objects.requireNonNull(sourceAction, "sourceAction");
        Objects.requireNonNull(listener, "listener");
        if (sourceAction == SourceAction.MOVE) {
            Paths.requireContained("moveSourceTo", sourceMoveTo);
        }
        if (moveExisting != null) {
            Paths.requireContained("moveExisting", moveExisting);
        }
        if (attempt != null && !attempt.matches("[0-9a-zA-Z]{1,32}")) {
            throw new IllegalArgumentException("attempt must be 1 to 32 letters or digits, not '" + attempt + "'");
        }
    }

    /** A copy that keeps the source, with no listener. */
    public static TransferRequest copy(String sourceName, String targetName) {
        return new TransferRequest(sourceName, targetName, SourceAction.KEEP, null, null, TransferListener.NONE, false, null, null);
    }

    public TransferRequest withSourceAction(SourceAction action, String moveTo) {
        return new TransferRequest(sourceName, targetName, action, moveTo, moveExisting, listener, retry, attempt, listed);
    }

    public TransferRequest withMoveExisting(String path) {
        return new TransferRequest(sourceName, targetName, sourceAction, sourceMoveTo, path, listener, retry, attempt, listed);
    }

    public TransferRequest withListener(TransferListener newListener) {
        return new TransferRequest(sourceName, targetName, sourceAction, sourceMoveTo, moveExisting, newListener, retry, attempt, listed);
    }

    public TransferRequest asRetry(boolean isRetry) {
        return new TransferRequest(sourceName, targetName, sourceAction, sourceMoveTo, moveExisting, listener, isRetry, attempt, listed);
    }

    public TransferRequest withListed(Listed seen) {
        return new TransferRequest(sourceName, targetName, sourceAction, sourceMoveTo, moveExisting, listener, retry, attempt, seen);
    }

    public TransferRequest withAttempt(String id) {
        return new TransferRequest(sourceName, targetName, sourceAction, sourceMoveTo, moveExisting, listener, retry, id, listed);
    }
}
