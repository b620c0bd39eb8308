package io.github.ftp3p.transfer;

import io.github.ftp3p.protocol.InvalidSettingException;

/**
 * What is done on the target once the copy is verified and under its final name, before the source action:
 * SITE CHMOD (camel-ftp's chmod), then the done file (camel-ftp's doneFileName). Either failing leaves the verified
 * copy in place and the source untouched ({@link AfterRenameException}).
 *
 * @param chmod    the octal mode for SITE CHMOD, 3 or 4 digits (640, 0640); null for none
 * @param doneFile the empty marker file written next to the copy; null for none
 */
public record AfterRename(String chmod, DoneFileName doneFile) {

    public static final AfterRename NONE = new AfterRename(null, null);

    public AfterRename {
        if (chmod != null && !chmod.matches("[0-7]{3,4}")) {
            throw new InvalidSettingException("chmod", "must be an octal mode of 3 or 4 digits (0-7), such as 640 or "
                    + "0640, not '" + chmod + "'");
        }
    }

    /** Whether there is anything to do; a batch that cannot do it is not pipelined. */
    boolean any() {
        return chmod != null || doneFile != null;
    }
}
