package io.github.ftp3p.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One FTP server as the clients see it, and the benchmark's directory on it.
 *
 * @param ftpRoot   the benchmark directory relative to the login directory ({@code upload/bench} on vsftpd)
 * @param localRoot the same directory on this machine's disk, where the harness writes and checks files
 */
public record Server(String host, int port, String user, String password, String ftpRoot, Path localRoot) {

    /** The same server reached through another port on 127.0.0.1 (a proxy in front of its control port). */
    public Server via(int proxyPort) {
        return new Server(host, proxyPort, user, password, ftpRoot, localRoot);
    }

    public String ftpPath(String sub) {
        return sub.isEmpty() ? ftpRoot : ftpRoot + "/" + sub;
    }

    public Path local(String sub) {
        return localRoot.resolve(sub);
    }

    public boolean anonymous() {
        return "anonymous".equals(user) && password.isEmpty();
    }

    /** An lftp URL with the credentials in it; lftp logs in as anonymous itself. */
    public String lftpUrl(String path) {
        String login = anonymous() ? "" : encode(user) + ":" + encode(password) + "@";
        return "ftp://" + login + host + ":" + port + "/" + path;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** As {@code key=value} command-line arguments for a child JVM. */
    public List<String> toArgs(String prefix) {
        return List.of(prefix + ".host=" + host, prefix + ".port=" + port, prefix + ".user=" + user,
                prefix + ".password=" + password, prefix + ".ftpRoot=" + ftpRoot, prefix + ".localRoot=" + localRoot);
    }

    public static Server fromArgs(Map<String, String> args, String prefix) {
        return new Server(args.get(prefix + ".host"), Integer.parseInt(args.get(prefix + ".port")),
                args.get(prefix + ".user"), args.get(prefix + ".password"), args.get(prefix + ".ftpRoot"),
                Path.of(args.get(prefix + ".localRoot")));
    }
}
