package io.github.ftp3p.cluster;

import io.github.ftp3p.camel.Ftp3pOperationFailedException;
import io.github.ftp3p.protocol.Side;

/**
 * A move that failed because another node moved the same file: the copy at the target is whole (the winner's, or
 * this node's own renamed over it), and the source is gone. Nothing is left to retry.
 */
final class LostRace {

    private LostRace() {
    }

    static boolean is(Throwable failure) {
        if (!(failure instanceof Ftp3pOperationFailedException moveFailed)) {
            return false;
        }
        if (moveFailed.getMessage() != null && moveFailed.getMessage().contains("another transfer")) {
            return true;
        }
        // The source was already gone when this move began: its first command, SIZE, answered 550.
        return moveFailed.getSide() == Side.SOURCE && moveFailed.getCode() == 550 && moveFailed.getCommand() != null
                && moveFailed.getCommand().verb().equals("SIZE");
    }
}
