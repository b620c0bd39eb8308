package io.github.ftp3p.transfer;

import java.time.Duration;

import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.Side;

/**
 * A finished transfer.
 *
 * @param sourcePath   the path read on the source
 * @param targetPath   the final path on the target
 * @param size         the target's size after the copy (SIZE, binary mode), or -1 when unknown
 * @param passiveSide  the side that was sent PASV/EPSV, or null when nothing was transferred
 * @param sourceReply  the source's final reply to RETR, or null when nothing was transferred
 * @param targetReply  the target's final reply to STOR/APPE, or null when nothing was transferred
 * @param duration     from the first command to the last reply
 * @param verifiedBy   how the copy was proven: "size", "SHA-256", "MD5"..., or "none"
 * @param sourceAction what was done to the source
 * @param skipped      the target existed and fileExist=Ignore: nothing was transferred
 * @param resumedFrom  the byte the transfer restarted at (REST), after a broken earlier attempt; 0 when it did not
 * @param mode         "fxp" (server to server), "relay" (through this host, fallback=relay), or "none" (skipped)
 */
public record TransferResult(String sourcePath, String targetPath, long size, Side passiveSide, FtpReply sourceReply,
        FtpReply targetReply, Duration duration, String verifiedBy, SourceAction sourceAction, boolean skipped,
        long resumedFrom, String mode) {
}
