package io.github.ftp3p.protocol;

import java.time.Duration;

/**
 * The target file did not grow for longer than the stall timeout, or its size could not be seen for that long
 * (the target stopped answering); both sides were aborted.
 */
public final class TransferStalledException extends FtpTransferException {

    /**
     * @param command     the target's transfer command that stalled (STOR or APPE)
     * @param bytes       the target file's last size seen, or -1 when none was seen
     * @param lastProblem why the last poll of its size told nothing, or null when it was answered
     */
    public TransferStalledException(FtpCommand command, long bytes, Duration stalledFor, String lastProblem) {
        super(Side.TARGET, command, "The " + describe(Side.TARGET, command) + ": the transfer stalled: "
                + (bytes < 0 ? "no size of the target file was seen" : "the target file held " + bytes
                        + " bytes and did not grow") + " for " + stalledFor.toMillis() + " ms (stallTimeout); both sides "
                + "were aborted" + (lastProblem == null ? "" : "; the last poll of its size: " + lastProblem), null);
    }

    @Override
    public boolean connectionLost() {
        return false;
    }
}
