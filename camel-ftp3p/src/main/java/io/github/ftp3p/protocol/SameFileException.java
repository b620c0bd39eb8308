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

    private SameFileException(String message) {
        super(Side.TARGET, null, message, null);
    }

    /** A sync whose source and target trees may overlap: it would copy files onto themselves, or into its own source. */
    public static SameFileException trees(String source, String target) {
        return new SameFileException("The source tree " + source + " and the target tree " + target + " may overlap "
                + "(one server, one directory inside or equal to the other): refused before any command, since a sync "
                + "would copy files onto themselves or into its own source");
    }
}
