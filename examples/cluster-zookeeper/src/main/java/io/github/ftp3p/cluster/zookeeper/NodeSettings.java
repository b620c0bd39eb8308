package io.github.ftp3p.cluster.zookeeper;

import java.time.Duration;

/**
 * What one node needs to know, read from system properties so that every node of a cluster runs the same jar with
 * a different {@code -Dftp3p.node}.
 *
 * @param node              this node's name, unique in the cluster: its ZooKeeper participant id, and in every log line
 * @param zookeeper         ZooKeeper connect string ({@code host:port[,host:port...]})
 * @param sessionTimeout    ZooKeeper session timeout: how long a dead leader keeps the leadership. The server bounds it
 *                          to 2..20 of its {@code tickTime}s
 * @param connectTimeout    ZooKeeper connection timeout
 * @param source            the directory the files arrive in: {@code ftp://user@host:port/dir}
 * @param sourcePassword    its password, empty for none
 * @param target            the directory they are moved to
 * @param targetPassword    its password, empty for none
 * @param pollDelay         pause between two listings of the source by the leader
 * @param cleanupOnTakeover whether a node that becomes leader first deletes every temporary file ftp3p left in the
 *                          target (the ones a dead predecessor was writing)
 */
public record NodeSettings(String node, String zookeeper, Duration sessionTimeout, Duration connectTimeout,
                           FtpDirectory source, FtpDirectory target, Duration pollDelay, boolean cleanupOnTakeover) {

    /** One side: an ftp URI with user, host, port and directory, and the password that goes with it. */
    public record FtpDirectory(String uri, String password) {

        public FtpDirectory {
            if (!uri.startsWith("ftp://")) {
                throw new IllegalArgumentException("not an ftp://user@host:port/dir URI: " + uri);
            }
        }

        /** {@code side=URI} and, with a password, {@code &sidePassword=RAW(..)}: one side of an ftp3p endpoint. */
        String ftp3pOptions(String side) {
            return side + "=" + uri + (password.isEmpty() ? "" : "&" + side + "Password=RAW(" + password + ")");
        }
    }

    /**
     * Reads {@code ftp3p.node}, {@code ftp3p.zookeeper}, {@code ftp3p.source} and {@code ftp3p.target} (required),
     * {@code ftp3p.source.password}, {@code ftp3p.target.password} (default empty),
     * {@code ftp3p.zookeeper.sessionTimeout} (ms, default 30000), {@code ftp3p.zookeeper.connectTimeout} (ms,
     * default 15000), {@code ftp3p.pollDelay} (ms, default 5000) and {@code ftp3p.cleanupOnTakeover} (default true).
     */
    public static NodeSettings fromSystemProperties() {
        return new NodeSettings(required("ftp3p.node"), required("ftp3p.zookeeper"),
                millis("ftp3p.zookeeper.sessionTimeout", 30_000), millis("ftp3p.zookeeper.connectTimeout", 15_000),
                new FtpDirectory(required("ftp3p.source"), System.getProperty("ftp3p.source.password", "")),
                new FtpDirectory(required("ftp3p.target"), System.getProperty("ftp3p.target.password", "")),
                millis("ftp3p.pollDelay", 5_000),
                Boolean.parseBoolean(System.getProperty("ftp3p.cleanupOnTakeover", "true")));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + name + " is required");
        }
        return value;
    }

    private static Duration millis(String name, long defaultValue) {
        return Duration.ofMillis(Long.parseLong(System.getProperty(name, Long.toString(defaultValue))));
    }
}
