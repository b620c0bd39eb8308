package io.github.ftp3p.transfer;

import io.github.ftp3p.protocol.Arguments;

/**
 * One file to copy, by name relative to each side's directory.
 *
 * @param sourceName   the file on the source
 * @param targetName   the name to give it on the target
 * @param deleteSource delete the source once the copy is verified (a move)
 */
public record TransferRequest(String sourceName, String targetName, boolean deleteSource) {

    public TransferRequest {
        Arguments.requireSafeName("source file name", sourceName);
        Arguments.requireSafeName("target file name", targetName);
    }
}
