package io.github.ftp3p.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The names in one directory of a server, from NLST (RFC 959 section 4.1.3) over a passive data connection to
 * this host. Only names: what a name is (a file, its size or time) needs a command per name. A hostile server
 * can hold neither the heap nor a thread: at most {@link #MAX_NAMES} names of at most {@link #MAX_NAME_CHARS}
 * characters, all within {@link #LISTING_TIMEOUT_FACTOR} reply timeouts (each read within one).
 */
public final class NameListing {

    static final int MAX_NAMES = 100_000;
    static final int MAX_NAME_CHARS = 4096;
    /** However slowly a server trickles a listing, it must end within this many reply timeouts. */
    static final int LISTING_TIMEOUT_FACTOR = 10;

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
        long deadline = System.nanoTime() + connection.replyTimeout().toNanos() * LISTING_TIMEOUT_FACTOR;
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (System.nanoTime() > deadline) {
                    throw new FtpConnectionException(connection.side(), nlst, "the listing did not end within "
                            + LISTING_TIMEOUT_FACTOR + " x replyTimeout", new SocketTimeoutException());
                }
                if (c == '\n') {
                    add(names, line, connection, nlst);
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append((char) c);
                    if (line.length() > MAX_NAME_CHARS) {
                        throw new FtpProtocolException(connection.side(), nlst, null, "the listing has a name longer than "
                                + MAX_NAME_CHARS + " characters");
                    }
                }
            }
            add(names, line, connection, nlst);
        } catch (IOException e) {
            connection.markBroken();
            throw new FtpConnectionException(connection.side(), nlst, "the listing's data connection failed", e);
        } catch (FtpTransferException e) {
            connection.markBroken();
            throw e;
        }
        data.finalReply(connection, nlst);
        return names;
    }

    private static void add(List<String> names, StringBuilder line, ControlConnection connection, FtpCommand nlst) {
        if (line.isEmpty()) {
            return;
        }
        if (names.size() >= MAX_NAMES) {
            throw new FtpProtocolException(connection.side(), nlst, null, "the listing has more than " + MAX_NAMES + " names");
        }
        names.add(Paths.name(line.toString()));
    }
}
