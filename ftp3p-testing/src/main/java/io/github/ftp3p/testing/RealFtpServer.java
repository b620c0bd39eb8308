package io.github.ftp3p.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real FTP server process (vsftpd 3.0.3, ProFTPD 1.3.8, Pure-FTPd 1.0.50, pyftpdlib 1.5.7, netkit ftpd 0.17 or
 * GNU inetutils ftpd 2.4 from Debian 12) started on a loopback address ({@link Options#host()}, 127.0.0.1 by default)
 * for one test, with its own configuration, home, pid file, logs and passive port range, all under a work
 * directory.
 *
 * <p>Why it exists: Apache FtpServer answers a passive {@code STOR}/{@code RETR} with {@code 150} at once, and has
 * no FXP switch. The real servers answer the passive side only when the data connection arrives, each has its
 * own FXP switch and its own replies: an FXP client is only proven against them.
 *
 * <p>Installing: {@code .ci/install-ftp-servers} puts the binaries in place: {@code /usr/sbin/vsftpd},
 * {@code $FTP3P_SERVERS/proftpd/usr/sbin/proftpd}, {@code $FTP3P_SERVERS/pure-ftpd/usr/sbin/pure-ftpd},
 * {@code /usr/lib/python3/dist-packages/pyftpdlib} (run by {@code /usr/bin/python3}),
 * {@code $FTP3P_SERVERS/netkit-ftpd/usr/sbin/in.ftpd}, {@code $FTP3P_SERVERS/inetutils-ftpd/usr/sbin/ftpd} and
 * {@code /usr/bin/socat}, where
 * {@code FTP3P_SERVERS} is a system property or environment variable (in that order), by default
 * {@code /opt/ftp3p-servers}. The factories return {@link Optional#empty()} when a binary is absent, so that a test
 * can skip with {@link #unavailableReason(String)}:
 * <pre>{@code
 * Optional<RealFtpServer> s = RealFtpServer.proftpd(tmp.resolve("a"), RealFtpServer.Options.defaults());
 * assumeTrue(s.isPresent(), () -> RealFtpServer.unavailableReason("proftpd"));
 * try (RealFtpServer server = s.get()) { ... }
 * }</pre>
 * A server that is installed but fails to start is an error ({@link IllegalStateException} with the tail of its
 * log), not a skip.
 *
 * <p>Accounts and directories:
 * <ul>
 *   <li><b>vsftpd</b>: anonymous only (local users need PAM and a system account): {@link #user()} is
 *       {@code "anonymous"} and {@link #password()} is {@code ""}. The server runs with {@code no_anon_password=YES},
 *       so {@code USER anonymous} is answered {@code 230} at once and no {@code PASS} is needed (commons-net's
 *       {@code login()} handles that). The login lands in {@link #loginDirectory()} (vsftpd's {@code anon_root},
 *       which vsftpd insists is not writable), and uploads go to {@link #writableDirectory()} {@code "upload"},
 *       i.e. {@link #home()} {@code = loginDirectory()/upload}, owned by the {@code ftp} user and mode 0777.
 *       Anonymous uploads are created 0644 ({@code anon_umask=022}), may overwrite and delete
 *       ({@code anon_other_write_enable=YES}), and downloads are not limited to world-readable files.</li>
 *   <li><b>proftpd</b> and <b>pure-ftpd</b>: one virtual user (uid/gid 65534) with a SHA-512 crypt password,
 *       chrooted into {@link #home()} (mode 0777), which is also {@link #loginDirectory()};
 *       {@link #writableDirectory()} is {@code ""}.</li>
 *   <li><b>pyftpdlib</b>: one virtual user ({@code DummyAuthorizer}, permissions {@code elradfmwMT}) whose home is
 *       {@link #loginDirectory()} = {@link #home()}; the server runs as root, so its files belong to root.</li>
 *   <li><b>netkit-ftpd</b> and <b>inetutils-ftpd</b> log in system users only (netkit through PAM service
 *       {@code ftp}, inetutils with {@code -a default}: crypt(3) against {@code /etc/shadow}). The account is the
 *       system user {@code ftp3p} that {@code .ci/install-ftp-servers} creates, with home {@code /}, shell
 *       {@code /bin/sh} (both servers want a shell listed in {@code /etc/shells}) and a random password it writes to
 *       {@code $FTP3P_SERVERS/ftpd-user} ({@code ftp3p:PASSWORD}, mode 0600); netkit also needs
 *       {@code /etc/pam.d/ftp}, which the script copies from the package. Neither server chroots the user:
 *       {@link #loginDirectory()} is {@code /} and {@link #writableDirectory()} is the path of {@link #home()}
 *       (mode 0777, owned by {@code ftp3p}) relative to {@code /}. Files they write belong to {@code ftp3p}.</li>
 * </ul>
 * Files the server writes belong to the server's user ({@code ftp} or {@code nobody}); files a test puts into
 * {@link #home()} belong to the test's user (root here), so the server may read but not overwrite them unless the
 * test makes them writable. ProFTPD resolves the home as {@code nobody}, so for it the work directory and each of
 * its ancestors get search permission for others ({@code o+x}, not read) where they lack it (a JUnit
 * {@code @TempDir} is 0700); otherwise every login fails with {@code 530 Login incorrect.}.
 *
 * <p>Processes: every server runs in the foreground as a child of this JVM, as root (vsftpd and Pure-FTPd refuse
 * anything else; ProFTPD starts as root and serves as {@code nobody}). Each control connection forks session
 * processes; {@link #close()} kills the server and all its descendants by PID and waits for them. A JVM shutdown
 * hook does the same as a safety net. A failed FXP can leave a session blocked in {@code accept} for minutes, which
 * is why the sessions are killed too.
 *
 * <p>Timing (measured here): each starts in 30-150 ms; a login (connect, {@code 220}, {@code USER}/{@code PASS},
 * {@code 230}) takes about 4 ms on vsftpd, 5 ms on ProFTPD and 10-20 ms on Pure-FTPd. ProFTPD quirk: when a session
 * process exits while the master waits in {@code select}, the master sleeps twice 200 ms on the interrupted call
 * before accepting again, so a connection opened right after another one closed may get its greeting 200-400 ms
 * late. No configuration avoids it (it is the compiled-in EINTR retry interval); reuse connections where it matters.
 * For the same reason the start-up probe connection to ProFTPD is kept open, idle and not logged in, until
 * {@link #close()}, so that the test's first connection is not delayed by the probe's end.
 *
 * <p>Processes of the newer kinds: pyftpdlib serves every session in its one process (an asynchronous loop), so
 * it has no session children. netkit and inetutils ftpd are inetd-style: {@code socat TCP4-LISTEN:PORT,bind=HOST,
 * fork,reuseaddr EXEC:"ftpd ...",nofork} listens (inetutils' {@code -D} can bind neither a port nor an address) and
 * each session is one forked socat that exec'd the ftpd, a child of the socat master that {@link #close()} kills.
 *
 * <p>What the newer kinds do, measured here with a client on 127.0.0.9 and data endpoints on other addresses:
 * <ul>
 *   <li><b>pyftpdlib</b>: FXP with {@link Options#fxpAllowed()} is {@code permit_foreign_addresses=True} (both
 *       sides; {@code permit_privileged_ports} stays False, FXP never needs ports below 1024). Strict (the
 *       defaults): {@code PORT}/{@code EPRT} to another address {@code 501 Rejected data connection to foreign
 *       address 127.0.0.8:P.}; on the passive side a foreign data connection is closed and answered
 *       {@code 425 Rejected data connection from foreign address ...}, written <em>before</em> the {@code 150} of
 *       the pending {@code RETR}/{@code STOR}, after which it waits for another connection. Pipelining: it connects
 *       while it handles {@code PORT} ({@code 200 Active data connection established}) and answers {@code PORT}
 *       and {@code RETR} written together {@code 150} then {@code 200}: out of order. {@code PASV}+{@code RETR}
 *       together come in order. Data before {@code STOR}: as the active receiver, with bytes arriving on its
 *       already connected data connection before its {@code STOR}, it resets the connection (the sender gets
 *       ECONNRESET / {@code 426}), answers the {@code STOR} {@code 150} and leaves an empty file. Passive
 *       ports: {@code FTPHandler.passive_ports}, the reserved block.</li>
 *   <li><b>netkit ftpd</b>: FXP is {@code -P} ({@link Options#fxpAllowed()}), which permits {@code PORT} to
 *       another address (and to ports below 1024); without it {@code 500 Illegal PORT rejected (address wrong).}.
 *       But {@code EPRT} is never checked: {@code EPRT |1|127.0.0.8|P|} is answered {@code 200 EPRT command
 *       successful.} and connected even without {@code -P} (a bounce hole). Passive side: a data connection from
 *       any address is accepted, with or without {@code -P}. It connects the active data connection from the
 *       control port minus one, only at the transfer command; pipelined commands ({@code PORT}+{@code RETR},
 *       {@code PASV}+{@code RETR}) are answered in order; bytes sent before {@code STOR} are not lost (it has not
 *       connected yet). No {@code FEAT} ({@code 500}); {@code SIZE} and {@code MDTM} work. No passive port range
 *       setting: the kernel's ephemeral ports ({@link #passivePortMin()}/{@link #passivePortMax()} report the
 *       reserved but unused block).</li>
 *   <li><b>inetutils ftpd</b>: no FXP setting at all. Any {@code PORT} or {@code EPRT} to an address other than the
 *       client's is {@code 500 Illegal PORT Command} / {@code 500 Illegal EPRT Command}, whatever the options, so
 *       it can never be the active side of FXP ({@link Options#fxpAllowed()} changes nothing); as the passive side
 *       it accepts data connections from any address. In order, connecting only at the transfer command, like
 *       netkit; {@code FEAT} lists {@code SIZE MDTM REST STREAM EPRT EPSV}. No passive range setting either.</li>
 * </ul>
 *
 * <p>IPv6: with {@link Options#ipv6()} the server listens on {@code ::1} only ({@link #host()} is {@code "::1"});
 * all kinds support it (socat {@code TCP6-LISTEN} for netkit and inetutils; only the first three are tested). Over IPv6 clients must use {@code EPSV}/{@code EPRT}: {@code PASV}/{@code PORT} are
 * IPv4-only.
 *
 * <p>Each instance needs its own work directory (files are named by kind, so one vsftpd, one proftpd and one
 * pure-ftpd may share a directory, but two servers of the same kind may not).
 */
public interface RealFtpServer extends AutoCloseable {

    /** {@link #kind()} of vsftpd. */
    String VSFTPD = "vsftpd";
    /** {@link #kind()} of ProFTPD. */
    String PROFTPD = "proftpd";
    /** {@link #kind()} of Pure-FTPd. */
    String PURE_FTPD = "pure-ftpd";
    /** {@link #kind()} of pyftpdlib. */
    String PYFTPDLIB = "pyftpdlib";
    /** {@link #kind()} of netkit ftpd ({@code in.ftpd} from Debian's {@code ftpd-ssl}). */
    String NETKIT_FTPD = "netkit-ftpd";
    /** {@link #kind()} of GNU inetutils ftpd. */
    String INETUTILS_FTPD = "inetutils-ftpd";
    /**
     * The three standalone daemons, in a stable order: the kinds most interop tests cover (racing movers, stale
     * files, long names, IPv6).
     */
    List<String> KINDS = List.of(VSFTPD, PROFTPD, PURE_FTPD);
    /** Every kind, in a stable order: {@link #KINDS}, then pyftpdlib, netkit and inetutils ftpd. */
    List<String> ALL_KINDS = List.of(VSFTPD, PROFTPD, PURE_FTPD, PYFTPDLIB, NETKIT_FTPD, INETUTILS_FTPD);

    /** System property, then environment variable, naming the directory the extracted servers live in. */
    String SERVERS_DIR_VARIABLE = "FTP3P_SERVERS";
    /** Default of {@link #SERVERS_DIR_VARIABLE}. */
    String DEFAULT_SERVERS_DIR = "/opt/ftp3p-servers";

    /**
     * How a server is configured.
     *
     * @param fxpAllowed       allow FXP (default {@code true}): vsftpd {@code pasv_promiscuous=YES} and
     *                         {@code port_promiscuous=YES}; ProFTPD {@code AllowForeignAddress on}; Pure-FTPd
     *                         {@code -w -W} (FXP for authenticated and anonymous users); pyftpdlib
     *                         {@code permit_foreign_addresses=True}; netkit ftpd {@code -P}; inetutils ftpd has no
     *                         such setting (it never connects to a foreign address, and always accepts one). With {@code false} all of
     *                         these are off, which refuses FXP only when the two control connections come from
     *                         different addresses (e.g. one client socket bound to {@code 127.0.0.2}).
     * @param ipv6             listen on {@code ::1} instead of {@code 127.0.0.1} (default {@code false})
     * @param passivePortCount size of the passive port range (default 32). Pure-FTPd admits at most half as many
     *                         simultaneous clients as it has passive ports ("You are user number 1 of 16
     *                         allowed"), so raise it for tests with many parallel connections.
     * @param passiveFxpOnly   vsftpd only, with {@code fxpAllowed}: {@code pasv_promiscuous=YES} but
     *                         {@code port_promiscuous=NO}, so FXP works only with this server passive
     * @param tls              ProFTPD only: mod_tls with these certificates (explicit FTPS, SSCN offered), or null
     * @param host             the address to listen on, a literal loopback address (default, also for null:
     *                         {@code 127.0.0.1}, or {@code ::1} with {@code ipv6})
     */
    record Options(boolean fxpAllowed, boolean ipv6, int passivePortCount, boolean passiveFxpOnly, TestCertificates tls,
                   String host) {

        /** The listen address when none is given: {@code 127.0.0.1}, or {@code ::1} with {@link #ipv6()}. */
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final String DEFAULT_HOST6 = "::1";

        public Options {
            if (passivePortCount < 2 || passivePortCount > 1000) {
                throw new IllegalArgumentException("passivePortCount must be within 2..1000: " + passivePortCount);
            }
            host = host == null ? (ipv6 ? DEFAULT_HOST6 : DEFAULT_HOST) : host;
            if (ipv6 != host.contains(":")) {
                throw new IllegalArgumentException("host " + host + " is not an " + (ipv6 ? "IPv6" : "IPv4")
                        + " address (ipv6=" + ipv6 + ")");
            }
            if (!ipv6 && !host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
                // Tests only ever bind loopback: another address would expose a promiscuous FXP server.
                throw new IllegalArgumentException("host must be a literal loopback address 127.x.y.z: " + host);
            }
            if (ipv6 && !DEFAULT_HOST6.equals(host)) {
                throw new IllegalArgumentException("the only IPv6 loopback address is ::1: " + host);
            }
        }

        /** FXP allowed, IPv4 on 127.0.0.1, 32 passive ports. */
        public static Options defaults() {
            return new Options(true, false, 32, false, null, null);
        }

        public Options withFxpAllowed(boolean value) {
            return new Options(value, ipv6, passivePortCount, passiveFxpOnly, tls, host);
        }

        /** Switches the family; a default address follows it ({@code 127.0.0.1 <-> ::1}). */
        public Options withIpv6(boolean value) {
            boolean defaultHost = host.equals(ipv6 ? DEFAULT_HOST6 : DEFAULT_HOST);
            return new Options(fxpAllowed, value, passivePortCount, passiveFxpOnly, tls, defaultHost ? null : host);
        }

        public Options withPassivePortCount(int value) {
            return new Options(fxpAllowed, ipv6, value, passiveFxpOnly, tls, host);
        }

        public Options withPassiveFxpOnly(boolean value) {
            return new Options(fxpAllowed, ipv6, passivePortCount, value, tls, host);
        }

        public Options withTls(TestCertificates certificates) {
            return new Options(fxpAllowed, ipv6, passivePortCount, passiveFxpOnly, certificates, host);
        }

        /**
         * Listens on this loopback address, e.g. {@code "127.0.0.5"}: with each server and the client on their own
         * address, the servers' "data connection from/to the client only" checks apply (on one address they always
         * pass). Every kind binds it alone, not the wildcard.
         */
        public Options withHost(String value) {
            return new Options(fxpAllowed, ipv6, passivePortCount, passiveFxpOnly, tls, value);
        }
    }

    /**
     * Starts vsftpd ({@code /usr/sbin/vsftpd}) with anonymous access, or returns empty if it is not installed.
     *
     * @param workDir directory for its configuration, anon_root, logs and secure_chroot_dir; created if missing
     * @throws IllegalStateException if it is installed but cannot be configured or started within 15 s
     */
    static Optional<RealFtpServer> vsftpd(Path workDir, Options options) {
        return start(VSFTPD, workDir, options);
    }

    /**
     * Starts ProFTPD ({@code $FTP3P_SERVERS/proftpd/usr/sbin/proftpd}) with one virtual user, or returns empty if it
     * is not installed.
     *
     * @throws IllegalStateException if it is installed but cannot be configured or started within 15 s
     */
    static Optional<RealFtpServer> proftpd(Path workDir, Options options) {
        return start(PROFTPD, workDir, options);
    }

    /**
     * Starts Pure-FTPd ({@code $FTP3P_SERVERS/pure-ftpd/usr/sbin/pure-ftpd}) with one puredb user, or returns empty
     * if it is not installed. Pure-FTPd (re)creates {@code /var/run/pure-ftpd/} at start.
     *
     * @throws IllegalStateException if it is installed but cannot be configured or started within 15 s
     */
    static Optional<RealFtpServer> pureFtpd(Path workDir, Options options) {
        return start(PURE_FTPD, workDir, options);
    }

    /** Starts pyftpdlib with one virtual user, or returns empty if python3-pyftpdlib is not installed. */
    static Optional<RealFtpServer> pyftpdlib(Path workDir, Options options) {
        return start(PYFTPDLIB, workDir, options);
    }

    /** Starts netkit ftpd behind socat as the system user {@code ftp3p}, or returns empty if it is not installed. */
    static Optional<RealFtpServer> netkitFtpd(Path workDir, Options options) {
        return start(NETKIT_FTPD, workDir, options);
    }

    /** Starts GNU inetutils ftpd behind socat as the system user {@code ftp3p}, or returns empty if not installed. */
    static Optional<RealFtpServer> inetutilsFtpd(Path workDir, Options options) {
        return start(INETUTILS_FTPD, workDir, options);
    }

    /**
     * Starts a server of the given kind, or returns empty if {@link #unavailableReason(String)} is not null.
     *
     * @throws IllegalArgumentException if {@code kind} is not one of {@link #ALL_KINDS}, or the work directory's path
     *                                  contains {@code ':'} or white space (it goes into passwd-style files)
     * @throws IllegalStateException    if the server is installed but cannot be configured or started
     */
    static Optional<RealFtpServer> start(String kind, Path workDir, Options options) {
        return RealFtpServerProcess.start(kind, workDir, options);
    }

    /**
     * Starts a server of the given kind as another host: inside a network namespace, on that namespace's address
     * ({@link #host()}) and port ({@link #port()}); otherwise as {@link #start(String, Path, Options)}.
     * {@link Options#ipv6()} must be off.
     */
    static Optional<RealFtpServer> start(String kind, Path workDir, Options options, NamespaceHost where) {
        return RealFtpServerProcess.start(kind, workDir, options, where);
    }

    /**
     * Why a server of this kind cannot be started here (missing binary, not running as root, unknown kind), phrased
     * for a test's skip message; {@code null} if it can be.
     */
    static String unavailableReason(String kind) {
        return RealFtpServerProcess.unavailableReason(kind);
    }

    /** {@code unavailableReason(kind) == null}. */
    static boolean isAvailable(String kind) {
        return unavailableReason(kind) == null;
    }

    /** The directory the extracted ProFTPD and Pure-FTPd live in ({@code FTP3P_SERVERS}). */
    static Path serversDirectory() {
        return RealFtpServerProcess.serversDirectory();
    }

    /** The server binary this kind is started from (it may not exist). */
    static Path binary(String kind) {
        return RealFtpServerProcess.binary(kind);
    }

    /** One of {@link #ALL_KINDS}. */
    String kind();

    /** The address it listens on: {@link Options#host()} ({@code "127.0.0.1"}, or {@code "::1"} with IPv6, by default). */
    String host();

    /** The control port. */
    int port();

    /** Login name: {@code "anonymous"} for vsftpd, else the virtual user. */
    String user();

    /** Password: {@code ""} for vsftpd (none is asked for), else the virtual user's. */
    String password();

    /**
     * The writable directory uploads go to, on the local file system: {@code loginDirectory()/writableDirectory()}.
     * For vsftpd this is {@code anon_root/upload}; for the others it is the login directory itself.
     */
    Path home();

    /** The local directory that is {@code /} for the logged-in client (a chroot). */
    Path loginDirectory();

    /**
     * The directory a client should upload into, relative to the login directory: {@code "upload"} for vsftpd,
     * {@code ""} for the others (the login directory itself is writable).
     */
    String writableDirectory();

    /**
     * The server's log: for vsftpd and ProFTPD, their own log (vsftpd logs every command and reply), into which
     * the process's stdout and stderr also go; for Pure-FTPd, which only logs to syslog, just its stdout and stderr;
     * for pyftpdlib every command and reply (Python logging at DEBUG on stderr); for netkit and inetutils ftpd, which
     * log to syslog, socat's log of each connection ({@code -d -d}).
     */
    Path logFile();

    /** The server's main process; its sessions are its descendants. */
    ProcessHandle process();

    /** The last {@code maxLines} lines of {@link #logFile()} (and of the transfer log, if separate). */
    String logTail(int maxLines);

    /** First and last port of the passive range. */
    int passivePortMin();

    int passivePortMax();

    /** PID of the server's master process. */
    long pid();

    /** How long the start took, from writing the configuration to the {@code 220} greeting. */
    Duration startupTime();

    /** Whether the master process is still running. */
    boolean isAlive();

    /**
     * Kills the server and all its session processes (by PID) and waits for them to exit; then releases the
     * passive port range. Further calls do nothing.
     */
    @Override
    void close();
}
