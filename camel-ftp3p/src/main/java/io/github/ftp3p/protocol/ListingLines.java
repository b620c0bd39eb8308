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
 * The lines of one listing (NLST, LIST, MLSD) over a passive data connection to this host: the only file data
 * that reaches it. A hostile server can hold neither the heap nor a thread: at most {@link #MAX_LINES} lines of
 * at most {@link #MAX_LINE_CHARS} characters, all within {@link #LISTING_TIMEOUT_FACTOR} reply timeouts (each read
 * within one).
 *
 * @param lines the non-empty lines, without line ends
 * @param bytes the bytes the data connection carried
 */
public record ListingLines(List<String> lines, long bytes) {

    static final int MAX_LINES = 100_000;
    static final int MAX_LINE_CHARS = 4096;
    /** However slowly a server trickles a listing, it must end within this many reply timeouts. */
    static final int LISTING_TIMEOUT_FACTOR = 10;
    /**
     * vsftpd lists a directory it may not open as empty, and says so only in the text of its 226 (postlogin.c):
     * taken for a refusal, or a sync would take the directory for empty and, with deleteExtraneous, delete the
     * target's copy of everything in it.
     */
    private static final String UNREADABLE = "failed to open directory";

    public ListingLines {
        lines = List.copyOf(lines);
    }

    /**
     * Sends {@code command} with a passive data connection and reads the listing to its end and the final reply.
     * A refusal of the command (450, 550: no such directory, no permission) is thrown as an
     * {@link FtpReplyException}; the connection stays usable.
     */
    public static ListingLines read(PassiveData data, ControlConnection connection, FtpCommand command, TlsSettings tls) {
        return read(data.open(connection, command, 0, tls), data, connection, command);
    }

    /**
     * Several listings, each command written together with its own PASV or EPSV (RFC 959 section 4.2: the server
     * answers them in turn), so that a listing costs one round trip less; only for a server that answers pipelined
     * commands in order. With {@code allAtOnce} every pair goes in one write, so that all the listings cost about
     * the round trips of one: only for a server that queues commands while a listing's data flows (vsftpd and
     * Apache FtpServer do; Pure-FTPd drops a command read during a transfer). A refused listing fails alone; once
     * the connection broke, every listing after it fails with that failure.
     */
    public static List<Listed<ListingLines>> readAll(PassiveData data, ControlConnection connection,
            List<FtpCommand> commands, TlsSettings tls, boolean allAtOnce) {
        FtpCommand passive = data.passiveCommand(connection);
        List<Listed<ListingLines>> listed = new ArrayList<>(commands.size());
        FtpTransferException broke = allAtOnce ? send(connection, passive, commands) : null;
        for (FtpCommand command : commands) {
            if (broke == null && !allAtOnce) {
                broke = send(connection, passive, List.of(command));
            }
            if (broke != null) {
                listed.add(Listed.failed(broke));
                continue;
            }
            Listed<ListingLines> one = Listed.of(() -> read(data.openSent(connection, passive, command, tls), data,
                    connection, command));
            if (one.failure() != null && !connection.isReusable()) {
                broke = one.failure();
            }
            listed.add(one);
        }
        return listed;
    }

    /** Writes each command after {@code passive}, in one write; the failure if the connection broke. */
    private static FtpTransferException send(ControlConnection connection, FtpCommand passive, List<FtpCommand> commands) {
        List<FtpCommand> written = new ArrayList<>(commands.size() * 2);
        commands.forEach(command -> {
            written.add(passive);
            written.add(command);
        });
        try {
            connection.sendAll(written);
            return null;
        } catch (FtpTransferException e) {
            return e;
        }
    }

    private static ListingLines read(Socket socket, PassiveData data, ControlConnection connection, FtpCommand command) {
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        long deadline = System.nanoTime() + connection.replyTimeout().toNanos() * LISTING_TIMEOUT_FACTOR;
        CountingInput counted;
        try (socket; CountingInput in = new CountingInput(socket.getInputStream());
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            counted = in;
            StringBuilder line = new StringBuilder();
            for (int c = reader.read(); c >= 0; c = reader.read()) {
                if (System.nanoTime() > deadline) {
                    throw new FtpConnectionException(connection.side(), command, "the listing did not end within "
                            + LISTING_TIMEOUT_FACTOR + " x replyTimeout", new SocketTimeoutException());
                }
                if (c == '\n') {
                    add(lines, line, connection, command);
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append((char) c);
                    if (line.length() > MAX_LINE_CHARS) {
                        throw new FtpProtocolException(connection.side(), command, null, "the listing has a line longer "
                                + "than " + MAX_LINE_CHARS + " characters");
                    }
                }
            }
            add(lines, line, connection, command);
            bytes = counted.count();
        } catch (IOException e) {
            connection.markBroken();
            throw new FtpConnectionException(connection.side(), command, "the listing's data connection failed", e);
        } catch (FtpTransferException e) {
            connection.markBroken();
            throw e;
        }
        FtpReply end = data.finalReply(connection, command);
        if (end.text().contains(UNREADABLE)) {
            throw new FtpReplyException(connection.side(), command, end);
        }
        return new ListingLines(lines, bytes);
    }

    private static void add(List<String> lines, StringBuilder line, ControlConnection connection, FtpCommand command) {
        if (line.isEmpty()) {
            return;
        }
        if (lines.size() >= MAX_LINES) {
            throw new FtpProtocolException(connection.side(), command, null, "the listing has more than " + MAX_LINES
                    + " lines");
        }
        lines.add(line.toString());
    }

    /** Counts what the data connection carried, for the listing bytes that crossed this host. */
    private static final class CountingInput extends java.io.FilterInputStream {

        private long count;

        CountingInput(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
