package io.github.ftp3p.transfer;

import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;

/**
 * A step after the rename ({@link AfterRename}) failed on the target: SITE CHMOD refused, or the done file not
 * written. Carries the option, and the command and reply of the failure. The copy is verified and stays under its
 * final name (nothing this attempt verified is deleted); the source is kept, so a move can be tried again. Also a
 * done file name refused for one file ({@link #refused}), before any command.
 */
public final class AfterRenameException extends FtpTransferException {

    private final String option;
    private final boolean connectionLost;

    AfterRenameException(String option, String targetPath, FtpTransferException cause) {
        super(Side.TARGET, cause.command(), cause.reply(), "The " + option + " step failed after " + targetPath
                + " was copied: " + cause.getMessage() + "; the copy is complete and verified and stays, and the source "
                + "was kept", cause);
        this.option = option;
        this.connectionLost = cause.connectionLost();
    }

    private AfterRenameException(String option, String message) {
        super(Side.TARGET, null, message, null);
        this.option = option;
        this.connectionLost = false;
    }

    /** The done file's name for {@code targetPath} is refused (the file itself, '..'): nothing was sent. */
    static AfterRenameException refused(String targetPath, IllegalArgumentException reason) {
        return new AfterRenameException("doneFileName", "The done file for " + targetPath + " is refused ("
                + reason.getMessage() + "): nothing was copied");
    }

    /** The option whose step failed: chmod or doneFileName. */
    public String option() {
        return option;
    }

    @Override
    public boolean connectionLost() {
        return connectionLost;
    }
}
