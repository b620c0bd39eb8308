package io.github.ftp3p.protocol;

/**
 * What one {@link FxpTransfer} ended with.
 *
 * @param passiveSide        the side that was sent PASV/EPSV
 * @param sourceReply        the source's final reply to RETR, or null
 * @param targetReply        the target's final reply to STOR, or null
 * @param failure            null on success
 * @param orientationRefused the failure is one the other orientation may not have: PASV/EPSV/PORT/EPRT refused,
 *                           or the data connection failed (425, 426, 500, 501, 502, 504)
 * @param targetTouched      the target may hold a file written by this attempt, which must be removed
 */
public record TransferOutcome(Side passiveSide, FtpReply sourceReply, FtpReply targetReply, FtpTransferException failure,
        boolean orientationRefused, boolean targetTouched) {

    public boolean succeeded() {
        return failure == null;
    }
}
