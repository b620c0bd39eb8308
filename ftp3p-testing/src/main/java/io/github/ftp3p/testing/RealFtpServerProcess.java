package io.github.ftp3p.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link RealFtpServer} implementation: writes a kind's configuration into the work directory, starts the
 * binary in the foreground, waits for its {@code 220} greeting, and kills its process tree on {@link #close()}.
 */
final class RealFtpServerProcess implements RealFtpServer {

    static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MASTER_GRACE = Duration.ofSeconds(2);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final String VIRTUAL_USER = "ftp3p";
    private static final String VIRTUAL_PASSWORD = "ftp3p-secret";
    private static final int NOBODY_UID = 65534;
    private static final int NOGROUP_GID = 65534;

    /** Work directories in use by a live instance of a kind, as "kind:absolute path". */
    private static final Set<String> WORK_DIRS_IN_USE = ConcurrentHashMap.newKeySet();

    private final String kind;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path loginDirectory;
    private final String writableDirectory;
    private final Path logFile;
    private final Path transferLog;
    private final PortBlock passivePorts;
    private final Process process;
    private volatile Duration startupTime = Duration.ZERO;
    /** ProFTPD only: the greeting probe, kept open (see {@link #startOnce}). */
    private volatile Socket probe;
    private final String workDirKey;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RealFtpServerProcess(Launch launch, Process process, String workDirKey) {
        this.kind = launch.kind;
        this.host = launch.host;
        this.port = launch.port;
        this.user = launch.user;
        this.password = launch.password;
        this.loginDirectory = launch.loginDirectory;
        this.writableDirectory = launch.writableDirectory;
        this.logFile = launch.logFile;
        this.transferLog = launch.transferLog;
        this.passivePorts = launch.passivePorts;
        this.process = process;
        this.workDirKey = workDirKey;
        this.shutdownHook = new Thread(this::close, "real-ftp-server-stop-" + kind + "-" + port);
    }

    // ------------------------------------------------------------------------------------------------ availability

    static Path serversDirectory() {
        String value = System.getProperty(SERVERS_DIR_VARIABLE);
        if (value == null || value.isBlank()) {
            value = System.getenv(SERVERS_DIR_VARIABLE);
        }
        if (value == null || value.isBlank()) {
            value = DEFAULT_SERVERS_DIR;
        }
        return Path.of(value).toAbsolutePath();
    }

    static Path binary(String kind) {
        return switch (checkKind(kind)) {
            case VSFTPD -> Path.of("/usr/sbin/vsftpd");
            case PROFTPD -> serversDirectory().resolve("proftpd/usr/sbin/proftpd");
            case PYFTPDLIB -> PyftpdlibLaunch.PYTHON;
            case NETKIT_FTPD -> serversDirectory().resolve("netkit-ftpd/usr/sbin/in.ftpd");
            case INETUTILS_FTPD -> serversDirectory().resolve("inetutils-ftpd/usr/sbin/ftpd");
            default -> serversDirectory().resolve("pure-ftpd/usr/sbin/pure-ftpd");
        };
    }

    private static Path purePw() {
        return serversDirectory().resolve("pure-ftpd/usr/bin/pure-pw");
    }

    static String unavailableReason(String kind) {
        if (!ALL_KINDS.contains(kind)) {
            return "unknown FTP server kind '" + kind + "' (known: " + ALL_KINDS + ")";
        }
        Path binary = binary(kind);
        if (!Files.isExecutable(binary)) {
            return kind + " is not installed: " + binary + " is missing (run .ci/install-ftp-servers"
                    + (VSFTPD.equals(kind) || PYFTPDLIB.equals(kind) ? ""
                            : ", or set " + SERVERS_DIR_VARIABLE + " to where it extracted them")
                    + ")";
        }
        if (PURE_FTPD.equals(kind) && !Files.isExecutable(purePw())) {
            return "pure-ftpd is incomplete: " + purePw() + " is missing (run .ci/install-ftp-servers)";
        }
        String missing = switch (kind) {
            case PYFTPDLIB -> PyftpdlibLaunch.missing();
            case NETKIT_FTPD, INETUTILS_FTPD -> SocatFtpdLaunch.missing(kind);
            default -> null;
        };
        if (missing != null) {
            return kind + " is not ready: " + missing + " (run .ci/install-ftp-servers)";
        }
        if (!runningAsRoot()) {
            return kind + " must be started as root here (vsftpd and Pure-FTPd refuse otherwise, and ProFTPD must"
                    + " switch to nobody), but this JVM is not root";
        }
        return null;
    }

    private static String checkKind(String kind) {
        if (!ALL_KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown FTP server kind '" + kind + "' (known: " + ALL_KINDS + ")");
        }
        return kind;
    }

    private static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    // ------------------------------------------------------------------------------------------------------ start

    static Optional<RealFtpServer> start(String kind, Path workDir, Options options) {
        return start(kind, workDir, options, null);
    }

    /** {@code where}: a network namespace and address to run in, or null for this JVM's loopback. */
    static Optional<RealFtpServer> start(String kind, Path workDir, Options options, NamespaceHost where) {
        checkKind(kind);
        if (where != null && options.ipv6()) {
            throw new IllegalArgumentException("a server in a network namespace listens on IPv4 only: " + where);
        }
        if (unavailableReason(kind) != null) {
            return Optional.empty();
        }
        Path dir = workDir.toAbsolutePath().normalize();
        if (dir.toString().matches(".*[:\\s].*")) {
            // The paths go into passwd-style files (':'-separated) and unquoted configuration values.
            throw new IllegalArgumentException("the work directory must not contain ':' or white space: " + dir);
        }
        String key = kind + ":" + dir;
        if (!WORK_DIRS_IN_USE.add(key)) {
            throw new IllegalStateException("a " + kind + " already runs in " + dir + ": give each server its own"
                    + " work directory");
        }
        try {
            Files.createDirectories(dir);
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return Optional.of(startOnce(kind, dir, options, key, where));
                } catch (PortTakenException e) {
                    // Another process took the control or a passive port between our check and the server's bind.
                    last = new IllegalStateException(e.getMessage(), e);
                }
            }
            throw last;
        } catch (IOException e) {
            WORK_DIRS_IN_USE.remove(key);
            throw new IllegalStateException("cannot prepare " + kind + " in " + dir + ": " + e, e);
        } catch (RuntimeException | Error e) {
            WORK_DIRS_IN_USE.remove(key);
            throw e;
        }
    }

    private static RealFtpServerProcess startOnce(String kind, Path dir, Options options, String key,
            NamespaceHost where) throws IOException {
        long t0 = System.nanoTime();
        String host = options.host();
        PortBlock ports = PortBlock.reserve(options.passivePortCount());
        Process process = null;
        try {
            if (where != null) {
                host = where.address();
            }
            // The namespace's address does not exist in this JVM's namespace, and nothing listens in that one.
            int port = where == null ? freePort(host) : where.port();
            Launch launch = switch (kind) {
                case VSFTPD -> vsftpd(dir, options, host, port, ports);
                case PROFTPD -> proftpd(dir, options, host, port, ports);
                case PYFTPDLIB -> PyftpdlibLaunch.launch(dir, options, host, port, ports);
                case NETKIT_FTPD, INETUTILS_FTPD -> SocatFtpdLaunch.launch(kind, dir, options, host, port, ports);
                default -> pureFtpd(dir, options, host, port, ports);
            };
            Files.deleteIfExists(launch.logFile);
            Files.createFile(launch.logFile);
            ProcessBuilder builder = new ProcessBuilder(where == null ? launch.command : where.wrap(launch.command))
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(launch.logFile.toFile()));
            builder.environment().put("FTP3P_LOG", launch.logFile.toString());
            process = builder.start();
            RealFtpServerProcess server = new RealFtpServerProcess(launch, process, key);
            // Registered before waiting, so that a JVM dying during the start does not leave the server behind.
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            try {
                Socket probe = awaitGreeting(launch, process);
                if (PROFTPD.equals(kind)) {
                    // When a session process exits while the ProFTPD master waits in select(), the master sleeps
                    // 2 x 200 ms before accepting again: closing the probe would delay the test's first
                    // connection by up to 400 ms. The idle probe stays open (TimeoutLogin 65535) until close().
                    server.probe = probe;
                } else {
                    quit(probe);
                }
            } catch (RuntimeException | Error e) {
                server.stop();
                process = null;
                throw e;
            }
            server.startupTime = Duration.ofNanos(System.nanoTime() - t0);
            return server;
        } catch (IOException | RuntimeException | Error e) {
            if (process != null) {
                killTree(process);
            }
            ports.release();
            throw e;
        }
    }

    /** What one start needs: the command line and the facts the instance reports. */
    record Launch(String kind, String host, int port, String user, String password, Path loginDirectory,
                          String writableDirectory, Path logFile, Path transferLog, PortBlock passivePorts,
                          List<String> command) {
    }

    // ---------------------------------------------------------------------------------------------------- vsftpd

    private static Launch vsftpd(Path dir, Options o, String host, int port, PortBlock ports) throws IOException {
        Path root = dir.resolve("vsftpd-root");
        Path upload = root.resolve("upload");
        Path empty = dir.resolve("vsftpd-empty");
        Path conf = dir.resolve("vsftpd.conf");
        Path log = dir.resolve("vsftpd.log");
        Files.createDirectories(upload);
        Files.createDirectories(empty);
        // vsftpd refuses a writable chroot root ("500 OOPS: vsftpd: refusing to run with writable root inside
        // chroot()"), and secure_chroot_dir must exist and not be writable by the session user.
        setOwner(root, "root");
        chmod(root, "rwxr-xr-x");
        setOwner(empty, "root");
        chmod(empty, "rwxr-xr-x");
        String ftpUser = userExists("ftp") ? "ftp" : "nobody";
        setOwner(upload, ftpUser);
        chmod(upload, "rwxrwxrwx");

        String yes = o.fxpAllowed() ? "YES" : "NO";
        String listen = o.ipv6()
                ? "listen=NO\nlisten_ipv6=YES\nlisten_address6=" + host + "\n"
                : "listen=YES\nlisten_ipv6=NO\nlisten_address=" + host + "\n";
        String config = "# Written by io.github.ftp3p.testing.RealFtpServer\n"
                + listen
                + "listen_port=" + port + "\n"
                + "background=NO\n"
                + "anonymous_enable=YES\n"
                + "local_enable=NO\n"
                + "no_anon_password=YES\n"
                + "ftp_username=" + ftpUser + "\n"
                + "anon_root=" + root + "\n"
                + "write_enable=YES\n"
                + "anon_upload_enable=YES\n"
                + "anon_mkdir_write_enable=YES\n"
                + "anon_other_write_enable=YES\n"
                + "anon_umask=022\n"
                + "anon_world_readable_only=NO\n"
                + "pasv_enable=YES\n"
                + "port_enable=YES\n"
                + "pasv_promiscuous=" + yes + "\n"
                + "port_promiscuous=" + (o.passiveFxpOnly() ? "NO" : yes) + "\n"
                + "pasv_min_port=" + ports.min() + "\n"
                + "pasv_max_port=" + ports.max() + "\n"
                + "connect_from_port_20=NO\n"
                + "secure_chroot_dir=" + empty + "\n"
                + "max_clients=0\n"
                + "max_per_ip=0\n"
                + "idle_session_timeout=600\n"
                + "data_connection_timeout=300\n"
                + "accept_timeout=60\n"
                + "connect_timeout=60\n"
                + "dirmessage_enable=NO\n"
                + "syslog_enable=NO\n"
                + "xferlog_enable=YES\n"
                + "xferlog_std_format=NO\n"
                + "dual_log_enable=NO\n"
                + "vsftpd_log_file=" + log + "\n"
                + "log_ftp_protocol=YES\n";
        write(conf, config, "rw-------");
        setOwner(conf, "root"); // vsftpd insists that its config file belongs to the user running it
        // vsftpd reports start-up errors ("500 OOPS: ...") on fd 0: make fd 0 the log, opened for appending.
        List<String> command = List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 0>>\"$FTP3P_LOG\"",
                binary(VSFTPD).toString(), conf.toString());
        return new Launch(VSFTPD, host, port, "anonymous", "", root, "upload", log, null, ports, command);
    }

    // --------------------------------------------------------------------------------------------------- proftpd

    private static Launch proftpd(Path dir, Options o, String host, int port, PortBlock ports) throws IOException {
        Path home = dir.resolve("proftpd-home");
        Path conf = dir.resolve("proftpd.conf");
        Path log = dir.resolve("proftpd.log");
        Path passwd = dir.resolve("proftpd.passwd");
        Path group = dir.resolve("proftpd.group");
        Files.createDirectories(home);
        chmod(home, "rwxrwxrwx");
        setOwner(home, NOBODY_UID);
        // ProFTPD resolves the home (DefaultRoot ~) as the session user: without search permission on every
        // ancestor it fails with "chroot to '~/' failed for user 'ftp3p': No such file or directory" and 530.
        makeTraversable(dir);
        write(passwd, VIRTUAL_USER + ":" + Sha512Crypt.hash(VIRTUAL_PASSWORD) + ":" + NOBODY_UID + ":" + NOGROUP_GID
                + "::" + home + ":/bin/false\n", "rw-------");
        write(group, "nogroup:x:" + NOGROUP_GID + ":\n", "rw-r--r--");
        for (String stale : List.of("proftpd.pid", "proftpd.scoreboard", "proftpd.scoreboard.lck", "proftpd.delay")) {
            Files.deleteIfExists(dir.resolve(stale));
        }
        Path modules = serversDirectory().resolve("proftpd/usr/lib/proftpd");
        String config = "# Written by io.github.ftp3p.testing.RealFtpServer\n"
                + "ServerType standalone\n"
                + "ServerName \"ftp3p proftpd\"\n"
                + "Port " + port + "\n"
                + "DefaultAddress " + host + "\n"
                + "SocketBindTight on\n"
                + "UseIPv6 " + (o.ipv6() ? "on" : "off") + "\n"
                + "User nobody\n"
                + "Group nogroup\n"
                + "Umask 022\n"
                + "ModulePath " + modules + "\n"
                + "PidFile " + dir.resolve("proftpd.pid") + "\n"
                + "ScoreboardFile " + dir.resolve("proftpd.scoreboard") + "\n"
                + "DelayTable " + dir.resolve("proftpd.delay") + "\n"
                + "DelayEngine off\n"
                + "SystemLog " + log + "\n"
                + "TransferLog " + dir.resolve("proftpd.xferlog") + "\n"
                + "WtmpLog off\n"
                + "ControlsEngine off\n"
                + "UseReverseDNS off\n"
                + "<IfModule mod_ident.c>\n  IdentLookups off\n</IfModule>\n"
                + "AuthOrder mod_auth_file.c\n"
                + "AuthPAM off\n"
                + "AuthUserFile " + passwd + "\n"
                + "AuthGroupFile " + group + "\n"
                + "RequireValidShell off\n"
                + "DefaultRoot ~\n"
                + "AllowOverwrite on\n"
                + "AllowStoreRestart on\n"
                + "AllowRetrieveRestart on\n"
                + "AllowForeignAddress " + (o.fxpAllowed() ? "on" : "off") + "\n"
                + "PassivePorts " + ports.min() + " " + ports.max() + "\n"
                + "MaxInstances 200\n"
                + "MaxLoginAttempts 10\n"
                + "TimeoutLogin 65535\n" // for the idle greeting probe kept open until close()
                + "TimeoutIdle 600\n"
                + "TimeoutNoTransfer 600\n"
                + "TimeoutStalled 300\n"
                + (o.tls() == null ? "" : proftpdTls(dir, o.tls()));
        write(conf, config, "rw-r--r--");
        List<String> command = List.of(binary(PROFTPD).toString(), "-n", "-c", conf.toString());
        return new Launch(PROFTPD, host, port, VIRTUAL_USER, VIRTUAL_PASSWORD, home, "", log,
                dir.resolve("proftpd.xferlog"), ports, command);
    }

    /**
     * mod_tls (from proftpd-mod-crypto) with SSCN, as REAL-SERVERS.md found to work: session reuse not required
     * (else the server-to-server data connection is refused), the peer server verified with the test CA when
     * this server is the TLS client (SSCN ON).
     */
    private static String proftpdTls(Path dir, TestCertificates tls) {
        return "LoadModule mod_tls.c\n"
                + "TLSEngine on\n"
                + "TLSLog " + dir.resolve("tls.log") + "\n"
                + "TLSProtocol TLSv1.2 TLSv1.3\n"
                + "TLSRSACertificateFile " + tls.serverCertificate() + "\n"
                + "TLSRSACertificateKeyFile " + tls.serverKey() + "\n"
                + "TLSCACertificateFile " + tls.caCertificate() + "\n"
                + "TLSOptions NoSessionReuseRequired\n"
                + "TLSVerifyServer on\n"
                + "TLSVerifyClient off\n"
                + "TLSRequired off\n";
    }

    // ------------------------------------------------------------------------------------------------- pure-ftpd

    private static Launch pureFtpd(Path dir, Options o, String host, int port, PortBlock ports) throws IOException {
        Path home = dir.resolve("pure-ftpd-home");
        Path passwd = dir.resolve("pure-ftpd.passwd");
        Path db = dir.resolve("pure-ftpd.pdb");
        Path log = dir.resolve("pure-ftpd.log");
        Path xferlog = dir.resolve("pure-ftpd.xferlog");
        Path pid = dir.resolve("pure-ftpd.pid");
        Files.createDirectories(home);
        chmod(home, "rwxrwxrwx");
        setOwner(home, NOBODY_UID);
        // pure-pw's passwd format, 18 fields; "/./" in the home marks the chroot point.
        write(passwd, VIRTUAL_USER + ":" + Sha512Crypt.hash(VIRTUAL_PASSWORD) + ":" + NOBODY_UID + ":" + NOGROUP_GID
                + "::" + home + "/./::::::::::::\n", "rw-------");
        Files.deleteIfExists(db);
        run(List.of(purePw().toString(), "mkdb", db.toString(), "-f", passwd.toString()), dir);
        Files.deleteIfExists(pid);

        List<String> command = new ArrayList<>(List.of(
                binary(PURE_FTPD).toString(),
                "-S", host + "," + port,
                "-l", "puredb:" + db,
                "-E",            // no anonymous logins
                "-H",            // no reverse DNS
                "-A",            // chroot everyone
                "-p", ports.min() + ":" + ports.max(),
                "-c", "200",
                "-C", "200",
                "-I", "10",      // idle timeout, minutes
                "-f", "none",    // no syslog (nothing listens here anyway)
                "-O", "clf:" + xferlog,
                "-g", pid.toString()));
        if (o.fxpAllowed()) {
            command.add("-w"); // FXP for authenticated users
            command.add("-W"); // ... and for anonymous ones
        }
        return new Launch(PURE_FTPD, host, port, VIRTUAL_USER, VIRTUAL_PASSWORD, home, "", log, xferlog, ports,
                List.copyOf(command));
    }

    // ---------------------------------------------------------------------------------------------- greeting wait

    /** Waits for the {@code 220} greeting; returns the probe connection, open, right after it. */
    private static Socket awaitGreeting(Launch launch, Process process) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        InetSocketAddress address = new InetSocketAddress(address(launch.host), launch.port);
        String lastProblem = "no answer";
        while (true) {
            if (!process.isAlive()) {
                String tail = tail(launch.logFile, LOG_TAIL_LINES);
                String message = launch.kind + " exited with code " + process.exitValue() + " before greeting on "
                        + launch.host + ":" + launch.port + "; log " + launch.logFile + " ends with:\n" + tail;
                if (tail.contains("in use") || tail.contains("could not bind")) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message);
            }
            Socket socket = new Socket();
            try {
                socket.connect(address, 500);
                socket.setSoTimeout(2000);
                String reply = readReply(socket);
                if (reply.startsWith("220")) {
                    return socket;
                }
                lastProblem = "unexpected greeting: " + reply;
            } catch (ConnectException e) {
                lastProblem = "connection refused";
            } catch (SocketTimeoutException e) {
                lastProblem = "timed out waiting for the greeting";
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            closeQuietly(socket);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(launch.kind + " did not greet with 220 on " + launch.host + ":"
                        + launch.port + " within " + START_TIMEOUT.toSeconds() + " s (" + lastProblem + "); log "
                        + launch.logFile + " ends with:\n" + tail(launch.logFile, LOG_TAIL_LINES));
            }
            sleep(20);
        }
    }

    private static void quit(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the server may already have closed it
        } finally {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** Reads one possibly multi-line reply ({@code 220-...} up to {@code 220 ...}); returns its last line. */
    private static String readReply(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed before a reply");
        }
        if (line.length() >= 4 && line.charAt(3) == '-') {
            String end = line.substring(0, 3) + " ";
            String next;
            while ((next = in.readLine()) != null) {
                if (next.startsWith(end)) {
                    return next;
                }
            }
            throw new IOException("connection closed inside a multi-line reply");
        }
        return line;
    }

    // ------------------------------------------------------------------------------------------------------- stop

    @Override
    public void close() {
        if (stop()) {
            WORK_DIRS_IN_USE.remove(workDirKey);
        }
    }

    /** Kills the process tree and releases the passive ports, once; returns whether this call did it. */
    private boolean stop() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down (maybe this is the hook itself): go on stopping.
        }
        try {
            List<ProcessHandle> killed = killTree(process);
            if (PURE_FTPD.equals(kind)) {
                removePureFtpdScoreboard(killed);
            }
        } finally {
            closeQuietly(probe);
            passivePorts.release();
        }
        return true;
    }

    /**
     * Kills the server and its session processes. Sessions are children (and grandchildren: vsftpd and Pure-FTPd
     * split each session into a privileged and an unprivileged process) of the master.
     *
     * <ul>
     *   <li>Sessions get {@code SIGKILL}: a ProFTPD session blocked in {@code accept} (waiting for a passive data
     *       connection) ignores {@code SIGTERM} until its data timeout, and a test has nothing to gain from a
     *       graceful session end.</li>
     *   <li>The master gets {@code SIGTERM} (ProFTPD then logs its shutdown and removes its pid file), then
     *       {@code SIGKILL} if it is still there after {@link #MASTER_GRACE}.</li>
     *   <li>Once their parent is gone, killed grandchildren are re-parented to PID 1 and stay zombies until it
     *       reaps them (about 1.5 s here); Java reports zombies as alive, so they are counted as gone.</li>
     * </ul>
     * Descendants are listed before and after signalling the master, to catch a session forked meanwhile; once the
     * master is dead, no new session can appear.
     */
    private static List<ProcessHandle> killTree(Process process) {
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        root.destroy();
        root.descendants().filter(h -> !all.contains(h)).forEach(h -> {
            all.add(h);
            h.destroyForcibly();
        });
        try {
            if (!process.waitFor(MASTER_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                root.descendants().filter(h -> !all.contains(h)).forEach(h -> {
                    all.add(h);
                    h.destroyForcibly();
                });
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle h : all) {
            while (!isGone(h) && System.nanoTime() < deadline) {
                h.destroyForcibly();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return all;
                }
            }
        }
        return all;
    }

    /**
     * A Pure-FTPd session keeps a scoreboard file {@code /var/run/pure-ftpd/client-<8-digit pid>} and removes it
     * when it ends normally; a killed one leaves it behind. Only the files of the sessions killed here are removed.
     */
    private static void removePureFtpdScoreboard(List<ProcessHandle> killed) {
        for (ProcessHandle h : killed) {
            try {
                Files.deleteIfExists(Path.of("/var/run/pure-ftpd", String.format("client-%08d", h.pid())));
            } catch (IOException e) {
                // leave it: it is only a stale "ftpwho" entry
            }
        }
    }

    /** Exited, or a zombie (dead, only waiting to be reaped by its new parent). */
    private static boolean isGone(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/" + h.pid() + "/stat"))) {
            String stat = in.readLine();
            int close = stat == null ? -1 : stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length()) {
                return false;
            }
            char state = stat.charAt(close + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true; // no /proc entry: it is gone
        }
    }

    // ---------------------------------------------------------------------------------------------------- getters

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public Path home() {
        return writableDirectory.isEmpty() ? loginDirectory : loginDirectory.resolve(writableDirectory);
    }

    @Override
    public Path loginDirectory() {
        return loginDirectory;
    }

    @Override
    public String writableDirectory() {
        return writableDirectory;
    }

    @Override
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public String logTail(int maxLines) {
        String tail = tail(logFile, maxLines);
        if (transferLog != null && Files.exists(transferLog)) {
            tail += "\n--- " + transferLog + " ---\n" + tail(transferLog, maxLines);
        }
        return tail;
    }

    @Override
    public int passivePortMin() {
        return passivePorts.min();
    }

    @Override
    public int passivePortMax() {
        return passivePorts.max();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return "RealFtpServer[" + kind + " " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + " pid=" + process.pid() + " passive=" + passivePorts.min() + "-" + passivePorts.max()
                + " login=" + loginDirectory + (closed.get() ? " closed" : "") + "]";
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that is free on {@code host} now (the kernel's choice; it may be taken again before use). */
    static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address(host))) {
            return socket.getLocalPort();
        }
    }

    static void write(Path file, String content, String permissions) throws IOException {
        Files.deleteIfExists(file);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        chmod(file, permissions);
    }

    static void chmod(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    /**
     * Adds search permission for others ({@code o+x}, not read) to {@code dir} and each ancestor lacking it, e.g. a
     * JUnit {@code @TempDir} (0700).
     */
    static void makeTraversable(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                try {
                    Files.setPosixFilePermissions(p, permissions);
                } catch (IOException e) {
                    throw new IOException("the server's user cannot reach " + dir + ": " + p + " is not searchable"
                            + " by others and cannot be changed (" + e + ")", e);
                }
            }
        }
    }

    static void setOwner(Path path, String userName) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, lookup.lookupPrincipalByName(userName));
    }

    private static void setOwner(Path path, int uid) throws IOException {
        try {
            Files.setAttribute(path, "unix:uid", uid);
        } catch (AccessDeniedException e) {
            // Not root: the 0777 mode alone lets the server's user write.
        }
    }

    static boolean userExists(String name) {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs a command to completion in {@code dir} (30 s at most) and returns its output (stdout and stderr); a
     * non-zero exit is an error with its output.
     */
    static String run(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue() + ": " + output.strip());
        }
        return output;
    }

    static String tail(Path file, int maxLines) {
        try {
            if (!Files.exists(file)) {
                return "(" + file + " does not exist)";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FTP server", e);
        }
    }

    /** The server could not bind a port that looked free: worth another attempt with other ports. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------------------------------- passive ranges

    /**
     * A block of consecutive ports for passive data connections, free when reserved and held by this JVM until
     * released. Blocks are taken below the kernel's ephemeral range (so that outgoing connections never land in
     * them). Each block is a byte-range lock on one file, {@code java.io.tmpdir/ftp3p-passive-ports.lock}, at the
     * offsets of its port numbers: parallel JVMs (e.g. surefire forks) get distinct blocks, blocks of any size
     * never overlap, and the lock goes away with the JVM, however it ends.
     */
    static final class PortBlock {
        private static final int DEFAULT_LOW = 20000;
        private static FileChannel lockFile;

        private final int min;
        private final int max;
        private final FileLock lock;
        private final AtomicBoolean released = new AtomicBoolean();

        private PortBlock(int min, int max, FileLock lock) {
            this.min = min;
            this.max = max;
            this.lock = lock;
        }

        int min() {
            return min;
        }

        int max() {
            return max;
        }

        private static synchronized FileChannel lockFile() throws IOException {
            if (lockFile == null || !lockFile.isOpen()) {
                Path path = Path.of(System.getProperty("java.io.tmpdir"), "ftp3p-passive-ports.lock");
                lockFile = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            return lockFile;
        }

        static PortBlock reserve(int count) throws IOException {
            int[] region = region();
            int blocks = (region[1] - region[0]) / count;
            if (blocks < 1) {
                throw new IllegalStateException("no room for " + count + " passive ports in " + region[0] + ".."
                        + region[1]);
            }
            FileChannel channel = lockFile();
            int first = ThreadLocalRandom.current().nextInt(blocks);
            for (int i = 0; i < blocks; i++) {
                int min = region[0] + ((first + i) % blocks) * count;
                int max = min + count - 1;
                FileLock lock;
                try {
                    lock = channel.tryLock(min, count, false);
                } catch (OverlappingFileLockException e) {
                    continue; // held by this JVM
                }
                if (lock == null) {
                    continue; // held by another process
                }
                if (!allFree(min, max)) {
                    lock.release();
                    continue;
                }
                return new PortBlock(min, max, lock);
            }
            throw new IllegalStateException("no free block of " + count + " passive ports in " + region[0] + ".."
                    + region[1]);
        }

        /** Ports [low, high) for passive ranges: below the ephemeral range, or above it if that leaves no room. */
        private static int[] region() {
            int ephemeralLow = 32768;
            int ephemeralHigh = 60999;
            // Not Files.readString: on procfs (size 0) it returned just "3" here.
            try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                String line = in.readLine();
                String[] parts = line == null ? new String[0] : line.trim().split("\\s+");
                if (parts.length == 2) {
                    int low = Integer.parseInt(parts[0]);
                    int high = Integer.parseInt(parts[1]);
                    if (0 < low && low <= high && high <= 65535) {
                        ephemeralLow = low;
                        ephemeralHigh = high;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // keep Linux's defaults
            }
            if (ephemeralLow - DEFAULT_LOW >= 2000) {
                return new int[] {DEFAULT_LOW, ephemeralLow};
            }
            if (65535 - ephemeralHigh >= 2000) {
                return new int[] {ephemeralHigh + 1, 65535};
            }
            return new int[] {10000, Math.max(ephemeralLow, 12000)};
        }

        private static boolean allFree(int min, int max) {
            for (int p = min; p <= max; p++) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(p)); // the wildcard: clashes with any address on this port
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                try {
                    lock.release();
                } catch (IOException | RuntimeException e) {
                    // the channel stays open for the JVM's life; nothing else holds this range
                }
            }
        }
    }
}
