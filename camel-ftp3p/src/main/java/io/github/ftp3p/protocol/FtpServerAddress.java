package io.github.ftp3p.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One FTP server and the directory of a transfer on it. The directory is relative to the login directory
 * unless it starts with '/' ({@code ftp://host/outbox} vs {@code ftp://host//srv/outbox}).
 * {@link #toString()} never shows the password or the account.
 *
 * @param account      sent with ACCT when the server answers USER or PASS with 332 (RFC 959 section 4.1.1); null
 *                     for none
 * @param siteCommands the arguments of SITE commands sent after every login, in order (camel-ftp's siteCommand);
 *                     each must be answered 2yz
 */
public record FtpServerAddress(String host, int port, String user, String password, String directory, boolean tls,
        String account, List<String> siteCommands) {

    public static final int DEFAULT_PORT = 21;

    /** A plain FTP server. */
    public FtpServerAddress(String host, int port, String user, String password, String directory) {
        this(host, port, user, password, directory, false);
    }

    /** A server without account or SITE commands. */
    public FtpServerAddress(String host, int port, String user, String password, String directory, boolean tls) {
        this(host, port, user, password, directory, tls, null, List.of());
    }

    public FtpServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1-65535");
        }
        Arguments.requireSafeName("user", Objects.requireNonNull(user, "user"));
        Arguments.requireSafe("password", Objects.requireNonNull(password, "password"));
        Arguments.requireSafe("directory", Objects.requireNonNull(directory, "directory"));
        if (account != null) {
            Arguments.requireSafeName("account", account);
        }
        siteCommands = List.copyOf(siteCommands);
        for (String command : siteCommands) {
            Arguments.requireSafeName("siteCommand", command);
        }
    }

    /**
     * Parses {@code ftp://[user@]host[:port][/directory]}, or {@code ftps://} for FTPS (RFC 4217). A password
     * in the URI is refused: URIs end up in logs and JMX, so the password has its own option.
     *
     * @param user used when the URI has none; may be null
     * @throws IllegalArgumentException saying what is wrong with the URI
     */
    public static FtpServerAddress parse(String uri, String user, String password) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + uri + "' is not a URI: " + e.getReason());
        }
        boolean tls = "ftps".equalsIgnoreCase(parsed.getScheme());
        if (!tls && !"ftp".equalsIgnoreCase(parsed.getScheme())) {
            throw new IllegalArgumentException("unknown scheme '" + parsed.getScheme() + "' in '" + uri
                    + "': expected ftp:// or ftps://");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("no host in '" + uri + "'");
        }
        int port = parsed.getPort() == -1 ? DEFAULT_PORT : parsed.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + uri + "' is not 1-65535");
        }
        String userInfo = parsed.getUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("a password in the URI is not accepted; use the password option");
        }
        String login = userInfo != null ? userInfo : user;
        if (login == null || login.isEmpty()) {
            login = "anonymous";
        }
        String host = parsed.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        String directory = path.startsWith("/") ? path.substring(1) : path;
        while (directory.endsWith("/") && directory.length() > 1) {
            directory = directory.substring(0, directory.length() - 1);
        }
        return new FtpServerAddress(host, port, login, password == null ? "" : password, directory, tls);
    }

    /** The path of a file in this address's directory. */
    public String resolve(String fileName) {
        return Paths.join(directory, fileName);
    }

    /** Host, port and user: what makes two logged-in connections interchangeable. */
    public String identity() {
        return user + '@' + host + ':' + port;
    }

    /** The same server with another directory. */
    public FtpServerAddress withDirectory(String newDirectory) {
        return new FtpServerAddress(host, port, user, password, newDirectory, tls, account, siteCommands);
    }

    /** The same server with an account for ACCT (null for none) and SITE commands to send after login. */
    public FtpServerAddress withLogin(String newAccount, List<String> newSiteCommands) {
        return new FtpServerAddress(host, port, user, password, directory, tls, newAccount, newSiteCommands);
    }

    /**
     * The lines of camel-ftp's siteCommand: one SITE argument per line, separated by LF as there, each stripped of
     * surrounding white space (so CRLF line ends pass), blank lines left out; null or blank for none. Only LF
     * separates: a CR or NUL inside a line is refused when the address is made, since it would end the command
     * line early (String.lines() would split at a lone CR and let it through).
     */
    public static List<String> siteCommandLines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return (tls ? "ftps://" : "ftp://") + identity() + '/' + directory;
    }
}
