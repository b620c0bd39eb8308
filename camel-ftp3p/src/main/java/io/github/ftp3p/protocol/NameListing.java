package io.github.ftp3p.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The names in one directory of a server, from NLST (RFC 959 section 4.1.3) over a passive data connection to
 * this host. Only names: what a name is (a file, its size or time) needs a command per name. A hostile server
 * cannot hold the heap: at most {@link #MAX_NAMES} names of at most {@link #MAX_NAME_CHARS} characters.
 */
public final class NameListing {

    static final int MAX_NAMES = 100_000;
    static final int MAX_NAME_CHARS = 4096;

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
        Socket socket;
        try {
            socket = data.open(connection, nlst, 0, tls);
        } catch (FtpReplyException e) {
            if (e.replyCode() == 450 || e.replyCode() == 550) {
                return List.of();
            }
            throw e;
        }
        List<String> names = new ArrayList<>();
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.length() > MAX_NAME_CHARS || names.size() >= MAX_NAMES) {
                    throw new FtpProtocolException(connection.side(), nlst, null, "the listing has a name longer than "
                            + MAX_NAME_CHARS + " characters or more than " + MAX_NAMES + " names");
                }
                if (!line.isEmpty()) {
                    names.add(Paths.name(line));
                }
            }
        } catch (IOException e) {
            connection.markBroken();
            throw new FtpConnectionException(connection.side(), nlst, "the listing's data connection failed", e);
        } catch (FtpProtocolException e) {
            connection.markBroken();
            throw e;
        }
        data.finalReply(connection, nlst);
        return names;
    }
}
