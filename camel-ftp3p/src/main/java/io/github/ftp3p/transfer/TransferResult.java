package io.github.ftp3p.transfer;

import java.time.Duration;

import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.Side;

/**
 * A finished transfer.
 *
 * @param sourcePath    the path read on the source
 * @param targetPath    the path written on the target
 * @param size          the size both sides reported after the copy (SIZE, binary mode), or -1 when a server
 *                      has no SIZE
 * @param passiveSide   the side that was sent PASV/EPSV
 * @param sourceReply   the source's final reply to RETR
 * @param targetReply   the target's final reply to STOR
 * @param duration      from the first command to the last reply
 * @param sourceDeleted the source was deleted after the copy was verified
 */
public record TransferResult(String sourcePath, String targetPath, long size, Side passiveSide, FtpReply sourceReply,
        FtpReply targetReply, Duration duration, boolean sourceDeleted) {
}
