package io.github.ftp3p.protocol;

import java.util.List;

/**
 * A complete reply: its three-digit code and its lines as received (a multi-line reply keeps every line,
 * RFC 959 section 4.2). The first digit says what it means (RFC 959 section 4.2.1).
 */
public record FtpReply(int code, List<String> lines) {

    public FtpReply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("Reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
    }

    /** 1yz: the command started; another reply follows. */
    public boolean isPreliminary() {
        return code / 100 == 1;
    }

    /** 2yz: the command completed. */
    public boolean isPositive() {
        return code / 100 == 2;
    }

    /** 3yz: more information is needed (331 after USER). */
    public boolean isIntermediate() {
        return code / 100 == 3;
    }

    /** 4yz or 5yz. */
    public boolean isNegative() {
        return code >= 400;
    }

    /**
     * The byte count of a 213 reply to SIZE (RFC 3659 section 4.2), or -1 when this is not one or holds no
     * number.
     */
    public long sizeValue() {
        if (code != 213 || lines.isEmpty() || lines.get(0).length() < 5) {
            return -1;
        }
        try {
            return Long.parseLong(lines.get(0).substring(4).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The time of a 213 reply to MDTM (RFC 3659 section 3: YYYYMMDDHHMMSS[.sss], UTC) to the second, as its 14
     * digits, or null when this is not one. MFMT takes the same form.
     */
    public String timeValue() {
        if (code != 213 || lines.isEmpty() || !lines.get(0).matches("213 \\d{14}.*")) {
            return null;
        }
        return lines.get(0).substring(4, 18);
    }

    /** {@link #timeValue} as an instant: MDTM's time is UTC (RFC 3659 section 2.3); null when there is none. */
    public java.time.Instant instantValue() {
        String time = timeValue();
        return time == null ? null : org.apache.commons.net.ftp.parser.MLSxEntryParser.parseGmtInstant(time);
    }

    /** The whole reply as received, lines joined with a newline. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return text();
    }
}
