package io.github.ftp3p.protocol;

/**
 * The source and the target may be the same file: a copy onto itself truncates what it reads (STOR empties the
 * file RETR is sending) and a move then deletes it. Refused before any command is sent.
 */
public final class SameFileException extends FtpTransferException {

    public SameFileException(String source, String target) {
        super(Side.TARGET, null, "The source " + source + " and the target " + target + " may be the same file: "
                + "refused before any command, since copying a file onto itself destroys it", null);
    }
}
