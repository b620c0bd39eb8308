package io.github.ftp3p.protocol;

import java.time.Duration;

/** The target file stopped growing for longer than the stall timeout; both sides were aborted. */
public final class TransferStalledException extends FtpTransferException {

    public TransferStalledException(FtpCommand command, long bytes, Duration stalledFor) {
        super(Side.TARGET, command, "The transfer stalled: the target held " + bytes + " bytes and did not grow for "
                + stalledFor.toMillis() + " ms (stallTimeout); both sides were aborted", null);
    }

    @Override
    public boolean connectionLost() {
        return false;
    }
}
