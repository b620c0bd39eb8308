package io.github.ftp3p.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a passive server waits for the data connection, and its two text forms for the active side:
 * {@code PORT h1,h2,h3,h4,p1,p2} (RFC 959 section 4.1.2) and {@code EPRT |af|addr|port|} (RFC 2428 section 2).
 */
public record PassiveAddress(InetAddress address, int port) {

    private static final Pattern SIX_NUMBERS = Pattern.compile("(?<!\\d)(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})(?!\\d)");
    private static final Pattern EXTENDED = Pattern.compile("\\((.)\\1\\1(\\d{1,5})\\1\\)");
    /** {@code <d><af><d><addr><d><port><d>}, no field holding the delimiter. */
    private static final Pattern EPRT = Pattern.compile("([!-~])((?!\\1)[12])\\1((?:(?!\\1)[0-9A-Fa-f:.])+)\\1((?:(?!\\1)\\d){1,5})\\1");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Hex digits and colons, then an IPv4 tail: with a colon InetAddress parses it or refuses it, never looks it up. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    public PassiveAddress {
        if (address == null) {
            throw new IllegalArgumentException("address is required");
        }
        requirePort(port, "port " + port);
    }

    /**
     * Parses the text of a 227 reply. RFC 959 leaves the wording free, so only the six numbers are taken
     * (with or without parentheses); each must be 0-255 and the port 1-65535.
     */
    public static PassiveAddress parse227(String replyText) {
        Matcher m = SIX_NUMBERS.matcher(replyText);
        if (!m.find()) {
            throw new ReplyFormatException("Malformed 227 reply, expected h1,h2,h3,h4,p1,p2: '" + replyText + "'");
        }
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = Integer.parseInt(m.group(i + 1));
            if (n[i] > 255) {
                throw new ReplyFormatException("Malformed 227 reply, number " + n[i] + " is above 255: '" + replyText + "'");
            }
        }
        int port = n[4] * 256 + n[5];
        requirePort(port, "Malformed 227 reply, port " + port + ": '" + replyText + "'");
        byte[] ip = {(byte) n[0], (byte) n[1], (byte) n[2], (byte) n[3]};
        try {
            return new PassiveAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Parses the port of a 229 reply, {@code (|||port|)} where {@code |} may be any delimiter
     * (RFC 2428 section 3). The address is, by definition, the one of the control connection.
     */
    public static int parse229Port(String replyText) {
        Matcher m = EXTENDED.matcher(replyText);
        if (!m.find()) {
            throw new ReplyFormatException("Malformed 229 reply, expected (|||port|): '" + replyText + "'");
        }
        int port = Integer.parseInt(m.group(2));
        requirePort(port, "Malformed 229 reply, port " + port + ": '" + replyText + "'");
        return port;
    }

    /**
     * Parses the argument of EPRT, {@code <d><af><d><addr><d><port><d>} (RFC 2428 section 2): any delimiter
     * 33-126 that no field contains, address family 1 with a dotted quad or 2 with an IPv6 literal, a port
     * 1-65535. Numeric addresses only: the text is checked before InetAddress sees it, so there is no DNS.
     */
    public static PassiveAddress parseEprtArgument(String argument) {
        Matcher m = EPRT.matcher(argument);
        if (!m.matches() || !(m.group(2).equals("1") ? IPV4 : IPV6).matcher(m.group(3)).matches()) {
            throw new ReplyFormatException("Malformed EPRT argument, expected |1|a.b.c.d|port| or |2|v6addr|port|: '" + argument + "'");
        }
        int port = Integer.parseInt(m.group(4));
        requirePort(port, "Malformed EPRT argument, port " + port + ": '" + argument + "'");
        try {
            return new PassiveAddress(InetAddress.getByName(m.group(3)), port);
        } catch (UnknownHostException e) {
            throw new ReplyFormatException("Malformed EPRT argument, " + e.getMessage() + ": '" + argument + "'");
        }
    }

    /** The argument of PORT; only an IPv4 address has this form. */
    public String portArgument() {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalStateException("PORT takes an IPv4 address, not " + address.getHostAddress() + ": use EPRT");
        }
        byte[] b = address.getAddress();
        return (b[0] & 0xff) + "," + (b[1] & 0xff) + "," + (b[2] & 0xff) + "," + (b[3] & 0xff) + ","
                + (port >> 8) + "," + (port & 0xff);
    }

    /** The argument of EPRT: address family 1 (IPv4) or 2 (IPv6), RFC 2428 section 2. */
    public String eprtArgument() {
        String host = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = host.indexOf('%');
            return "|2|" + (zone < 0 ? host : host.substring(0, zone)) + "|" + port + "|";
        }
        return "|1|" + host + "|" + port + "|";
    }

    @Override
    public String toString() {
        return address.getHostAddress() + ":" + port;
    }

    private static void requirePort(int port, String message) {
        if (port < 1 || port > 65535) {
            throw new ReplyFormatException(message + " is not 1-65535");
        }
    }
}
