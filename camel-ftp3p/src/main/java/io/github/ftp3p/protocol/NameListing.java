package io.github.ftp3p.protocol;

import java.util.List;

/**
 * The names in one directory of a server, from NLST (RFC 959 section 4.1.3) over a passive data connection to
 * this host ({@link ListingLines}, which bounds what a hostile server can make this host read). Only names: what
 * a name is (a file, its size or time) needs a command per name, or a {@link DirectoryListing}.
 */
public final class NameListing {

    private NameListing() {
    }

    /**
     * The last segment of each name NLST gives for {@code directory} (servers differ on whether they prefix it);
     * empty for an empty directory, which some servers answer with 450 or 550 instead of an empty list.
     *
     * @param hidden ask for names starting with a dot too ({@code NLST -a}, as ls does: Apache FtpServer, vsftpd,
     *               ProFTPD and Pure-FTPd leave them out otherwise); a server that does not take the option
     *               answers 450 or 550, which reads as an empty list
     */
    public static List<String> names(PassiveData data, ControlConnection connection, String directory, TlsSettings tls,
            boolean hidden) {
        String argument = (hidden ? "-a " : "") + Arguments.requireSafe("directory", directory);
        FtpCommand nlst = argument.isEmpty() ? FtpCommand.of("NLST") : FtpCommand.of("NLST", argument.trim());
        try {
            return ListingLines.read(data, connection, nlst, tls).lines().stream().map(Paths::name).toList();
        } catch (FtpReplyException e) {
            if (e.replyCode() == 450 || e.replyCode() == 550) {
                return List.of();
            }
            throw e;
        }
    }
}
