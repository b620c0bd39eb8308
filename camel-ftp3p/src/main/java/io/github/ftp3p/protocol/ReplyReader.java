package io.github.ftp3p.protocol;

import java.io.IOException;
import java.io.Reader;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one reply (RFC 959 section 4.2): a line {@code ddd text}, or a multi-line reply from {@code ddd-text}
 * to the next line starting {@code ddd }. A hostile or broken server cannot hold a thread or the heap: the
 * whole reply must arrive within the timeout however slowly it trickles, no line may exceed
 * {@link #MAX_LINE} characters and no reply {@link #MAX_LINES} lines.
 */
final class ReplyReader {

    static final int MAX_LINE = 8 * 1024;
    static final int MAX_LINES = 1000;

    private ReplyReader() {
    }

    /**
     * @param timeout the whole reply's deadline; zero for none (the socket's own timeout still applies to
     *                each read)
     * @throws ReplyFormatException   when the reply is malformed or too large (quoting the start of it)
     * @throws SocketTimeoutException when the deadline passes
     * @throws java.io.EOFException   when the server closed the connection
     */
    static FtpReply read(Reader in, Duration timeout) throws IOException {
        // Past 2^32 s (136 years) is no deadline: in nanoseconds it would overflow.
        long deadline = timeout.isZero() || timeout.toSeconds() >= 1L << 32 ? Long.MAX_VALUE
                : System.nanoTime() + timeout.toNanos();
        List<String> lines = new ArrayList<>();
        String first = readLine(in, deadline, timeout);
        int code = code(first);
        lines.add(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + ' ';
            while (true) {
                if (lines.size() >= MAX_LINES) {
                    throw new ReplyFormatException("Reply longer than " + MAX_LINES + " lines, starting '" + abbreviate(first) + "'");
                }
                String line = readLine(in, deadline, timeout);
                lines.add(line);
                if (line.startsWith(end) || line.equals(end.trim())) {
                    break;
                }
            }
        } else if (first.length() > 3 && first.charAt(3) != ' ') {
            throw new ReplyFormatException("Malformed reply line, expected 'ddd text' or 'ddd-text': '" + abbreviate(first) + "'");
        }
        return new FtpReply(code, lines);
    }

    private static int code(String line) {
        if (line.length() < 3 || !line.substring(0, 3).matches("[1-5][0-9][0-9]")) {
            throw new ReplyFormatException("Malformed reply, no reply code 100-599: '" + abbreviate(line) + "'");
        }
        return Integer.parseInt(line.substring(0, 3));
    }

    private static String readLine(Reader in, long deadline, Duration timeout) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("the server closed the connection" + (line.length() > 0
                        ? " in the middle of the reply '" + abbreviate(line.toString()) + "'" : ""));
            }
            if (c == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) c);
            if (line.length() > MAX_LINE) {
                throw new ReplyFormatException("Reply line longer than " + MAX_LINE + " characters: '"
                        + abbreviate(line.toString()) + "'");
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("the reply did not complete within " + timeout.toMillis() + " ms");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
