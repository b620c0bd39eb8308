package io.github.ftp3p.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.listener.nio.NioListener;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.mina.core.service.IoAcceptor;
import org.apache.mina.transport.socket.SocketSessionConfig;

/**
 * A real FTP server (Apache FtpServer 1.2.1) on {@code 127.0.0.1} (or another loopback address, see
 * {@link #startOn}) and a free port, with one user whose home is a local directory.
 *
 * <p>Why it exists: FXP needs two genuine servers that really open data connections to each other, and the tests
 * need to see what each server was asked to do. Every command line the server dispatches is recorded (the
 * {@code PASS} argument masked) and successful logins are counted, so a test can assert on the exact protocol
 * conversation and on connection reuse.
 *
 * <p>Two defaults differ from a stock FtpServer, on purpose:
 * <ul>
 *   <li>{@code TCP_NODELAY} is switched on for control connections. FtpServer leaves Nagle's algorithm on and offers
 *       no setting for it; combined with delayed ACKs every reply after the first costs about 40 ms, which would make
 *       each FXP transfer look slow for no reason of ours.</li>
 *   <li>The data-connection IP checks are off unless asked for, because they exist to refuse exactly what FXP does.
 *       Note that on loopback every peer is {@code 127.0.0.1}, so the checks only bite when a client's control
 *       socket comes from a different loopback address (e.g. bound to {@code 127.0.0.2}).</li>
 * </ul>
 *
 * <p>Limitation: FtpServer answers commands other than {@code USER PASS AUTH QUIT PROT PBSZ} with {@code 530}
 * before login without passing them to Ftplets, so such pre-login commands do not appear in {@link #commands()}.
 */
public final class EmbeddedFtpServer implements AutoCloseable {

    /** The address the server binds to unless {@link #startOn} names another. */
    public static final String HOST = "127.0.0.1";

    private static final String LISTENER_NAME = "default";
    private static final int MAX_IDLE_SECONDS = 300;
    /** Room for a node of 1,000 partner endpoints, each keeping a connection to this server (the benchmarks). */
    private static final int MAX_LOGINS = 2500;

    private final String name;
    private final String host;
    private final Path home;
    private final String user;
    private final String password;
    private final boolean ipChecks;
    private final FtpServer server;
    private final RecordingFtplet recorder;
    private final int port;
    private final UserManager users;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedFtpServer(String name, String host, Path home, String user, String password, boolean ipChecks,
                              FtpServer server, RecordingFtplet recorder, int port, UserManager users) {
        this.users = users;
        this.name = name;
        this.host = host;
        this.home = home;
        this.user = user;
        this.password = password;
        this.ipChecks = ipChecks;
        this.server = server;
        this.recorder = recorder;
        this.port = port;
    }

    /** Starts a server with user {@code "user-" + name} and password {@code "pw-" + name}, IP checks off. */
    public static EmbeddedFtpServer start(String name, Path home) {
        return start(name, home, false);
    }

    /** Starts a server with user {@code "user-" + name} and password {@code "pw-" + name}. */
    public static EmbeddedFtpServer start(String name, Path home, boolean ipChecks) {
        return start(name, home, "user-" + name, "pw-" + name, ipChecks);
    }

    /** Starts a server with the given credentials, IP checks off (FXP allowed). */
    public static EmbeddedFtpServer start(String name, Path home, String user, String password) {
        return start(name, home, user, password, false);
    }

    /**
     * Starts a server.
     *
     * @param name     label used in {@link #toString()} and in the default credentials
     * @param home     the user's home directory; created if missing
     * @param user     login name
     * @param password clear-text password
     * @param ipChecks {@code true} to enable FtpServer's active and passive IP checks (which refuse FXP when the
     *                 peers' addresses differ)
     * @throws UncheckedIOException  if the home directory cannot be created
     * @throws IllegalStateException if the server cannot be configured or started, or if {@code TCP_NODELAY}
     *                               cannot be enabled
     */
    public static EmbeddedFtpServer start(String name, Path home, String user, String password, boolean ipChecks) {
        return start(HOST, name, home, user, password, ipChecks, null, null);
    }

    /**
     * Starts a server with user {@code "user-" + name} and password {@code "pw-" + name} on another loopback
     * address, e.g. {@code "127.0.0.5"}: with the client's control sockets on yet another address, the IP checks
     * (if on) then see a foreign data connection.
     *
     * @param host a literal loopback address (127.x.y.z or ::1)
     */
    public static EmbeddedFtpServer startOn(String host, String name, Path home, boolean ipChecks) {
        if (!host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|::1")) {
            throw new IllegalArgumentException("host must be a literal loopback address: " + host);
        }
        return start(host, name, home, "user-" + name, "pw-" + name, ipChecks, null, null);
    }

    /**
     * Starts a server that offers explicit FTPS (AUTH TLS, RFC 4217) with the test certificates. Apache FtpServer
     * has no SSCN, so it cannot protect a server-to-server data connection.
     */
    public static EmbeddedFtpServer startTls(String name, Path home, TestCertificates certificates) {
        return start(HOST, name, home, "user-" + name, "pw-" + name, false, certificates, certificates.serverKeyStore());
    }

    /**
     * Starts an explicit FTPS server whose data connections present the certificate in {@code dataKeyStore}
     * (password {@link TestCertificates#storePassword()}) instead of the control connection's: a client that
     * checks the name only on the control connection does not notice.
     */
    public static EmbeddedFtpServer startTls(String name, Path home, TestCertificates certificates, Path dataKeyStore) {
        return start(HOST, name, home, "user-" + name, "pw-" + name, false, certificates, dataKeyStore);
    }

    private static EmbeddedFtpServer start(String host, String name, Path home, String user, String password,
            boolean ipChecks, TestCertificates tls, Path dataKeyStore) {
        Path absoluteHome = home.toAbsolutePath();
        try {
            Files.createDirectories(absoluteHome);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create FTP home " + absoluteHome, e);
        }

        // Keep the listener: the FtpServer interface has no getListener(), and this very instance learns the bound port.
        Listener listener = listener(host, ipChecks, tls, dataKeyStore);
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener(LISTENER_NAME, listener);
        factory.setConnectionConfig(connectionConfig());
        UserManager users = userManager(user, password, absoluteHome);
        factory.setUserManager(users);
        RecordingFtplet recorder = new RecordingFtplet();
        factory.getFtplets().put("ftp3p-recorder", recorder);

        FtpServer server = factory.createServer();
        try {
            server.start();
            enableTcpNoDelay(listener);
            return new EmbeddedFtpServer(name, host, absoluteHome, user, password, ipChecks, server, recorder,
                    listener.getPort(), users);
        } catch (FtpException | RuntimeException e) {
            server.stop();
            throw new IllegalStateException("cannot start embedded FTP server '" + name + "'", e);
        }
    }

    private static Listener listener(String host, boolean ipChecks, TestCertificates tls, Path dataKeyStore) {
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveIpCheck(ipChecks);
        data.setPassiveIpCheck(ipChecks);

        ListenerFactory listener = new ListenerFactory();
        if (tls != null) {
            listener.setSslConfiguration(ssl(tls.serverKeyStore(), tls.storePassword()));
            listener.setImplicitSsl(false);
            data.setSslConfiguration(ssl(dataKeyStore, tls.storePassword()));
        }
        listener.setServerAddress(host);
        listener.setPort(0);
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        return listener.createListener();
    }

    private static SslConfiguration ssl(Path keyStore, String password) {
        SslConfigurationFactory ssl = new SslConfigurationFactory();
        ssl.setKeystoreFile(keyStore.toFile());
        ssl.setKeystoreType("PKCS12");
        ssl.setKeystorePassword(password);
        ssl.setKeyPassword(password);
        return ssl.createSslConfiguration();
    }

    private static org.apache.ftpserver.ConnectionConfig connectionConfig() {
        ConnectionConfigFactory config = new ConnectionConfigFactory();
        config.setAnonymousLoginEnabled(false);
        config.setMaxLogins(MAX_LOGINS);
        config.setMaxThreads(0);
        return config.createConnectionConfig();
    }

    /** In-memory user store: no file given, so {@code save()} only updates memory. */
    private static UserManager userManager(String user, String password, Path home) {
        PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
        factory.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        UserManager manager = factory.createUserManager();
        saveUser(manager, user, password, home, 0);
        return manager;
    }

    /**
     * Limits the data rate of this server's user, in bytes per second each way (0: no limit), from the next
     * login on: slow transfers let a test break one off in the middle.
     */
    public void throttle(int bytesPerSecond) {
        saveUser(users, user, password, home, bytesPerSecond);
    }

    private static void saveUser(UserManager manager, String user, String password, Path home, int rate) {
        BaseUser account = new BaseUser();
        account.setName(user);
        account.setPassword(password);
        account.setHomeDirectory(home.toString());
        account.setMaxIdleTime(MAX_IDLE_SECONDS);
        // FtpServer refuses USER with 421 if no authority answers the concurrent-login request, so all three are needed.
        List<Authority> authorities = List.of(
                new WritePermission(),
                new ConcurrentLoginPermission(0, 0),
                new TransferRatePermission(rate, rate));
        account.setAuthorities(authorities);
        try {
            manager.save(account);
        } catch (FtpException e) {
            throw new IllegalStateException("cannot register FTP user " + user, e);
        }
    }

    /**
     * Turns Nagle off on the MINA acceptor of the control-connection listener. FtpServer keeps the acceptor in a
     * private field and never sets {@code tcpNoDelay}; sessions copy the acceptor's config when accepted, so
     * setting it right after start covers every connection a test makes.
     */
    private static void enableTcpNoDelay(Listener listener) {
        if (!(listener instanceof NioListener)) {
            throw new IllegalStateException("expected an NioListener but got " + listener.getClass().getName());
        }
        Object acceptor;
        try {
            Field field = NioListener.class.getDeclaredField("acceptor");
            field.setAccessible(true);
            acceptor = field.get(listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach NioListener.acceptor to set TCP_NODELAY", e);
        }
        if (!(acceptor instanceof IoAcceptor)
                || !(((IoAcceptor) acceptor).getSessionConfig() instanceof SocketSessionConfig)) {
            throw new IllegalStateException("NioListener.acceptor is not a started socket acceptor: " + acceptor);
        }
        SocketSessionConfig config = (SocketSessionConfig) ((IoAcceptor) acceptor).getSessionConfig();
        config.setTcpNoDelay(true);
        if (!config.isTcpNoDelay()) {
            throw new IllegalStateException("TCP_NODELAY did not stick on " + acceptor);
        }
    }

    /** The address it listens on: {@link #HOST} unless started with {@link #startOn}. */
    public String host() {
        return host;
    }

    /** The port actually bound. */
    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Absolute path of the user's home directory, i.e. the server's root {@code /}. */
    public Path home() {
        return home;
    }

    public String name() {
        return name;
    }

    /** Whether the active and passive data-connection IP checks are on. */
    public boolean ipChecks() {
        return ipChecks;
    }

    /** {@code "ftp://" + user + "@" + host + ":" + port + "/" + directory}; the password is not included. */
    public String uri(String directory) {
        return "ftp://" + user + "@" + hostAndPort() + "/" + directory;
    }

    /**
     * {@code "ftp://" + host + ":" + port + "/" + directory}, with no user: the documented style, the user going in
     * sourceUsername or targetUsername, which Camel's URI sanitizer keeps whole.
     */
    public String uriWithoutUser(String directory) {
        return "ftp://" + hostAndPort() + "/" + directory;
    }

    private String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Snapshot of the command lines received so far, in arrival order, with {@code PASS ****} masked. */
    public List<String> commands() {
        return recorder.commands();
    }

    /** Number of {@code PASS} commands answered with {@code 230} since start or the last {@link #clearRecords()}. */
    public int loginCount() {
        return recorder.loginCount();
    }

    /**
     * Control connections open now (connected, whether logged in or not): what the clients keep of this server.
     */
    public int openSessions() {
        return recorder.openSessions();
    }

    /**
     * From now on, drops the control connection without a reply whenever a client sends {@code verb}, as a
     * server does that crashes or is restarted at that moment (the command is still recorded).
     */
    public void disconnectAt(String verb) {
        recorder.disconnectAt(verb);
    }

    /**
     * From now on, runs {@code action} with the argument of each {@code verb} command before the server handles it,
     * as another process acting on the server's files at that moment would (the command is still recorded).
     */
    public void beforeEach(String verb, Consumer<String> action) {
        recorder.beforeEach(verb, action);
    }

    /** Forgets the recorded commands and resets the login count. */
    public void clearRecords() {
        recorder.clear();
    }

    /** Stops the server; further calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedFtpServer[" + name + " " + host + ":" + port + " home=" + home + "]";
    }

    /**
     * Records command lines and successful logins. {@code DefaultFtplet.onLogin} fires after every {@code PASS},
     * including rejected ones, so logins are counted from the reply code instead.
     */
    private static final class RecordingFtplet extends DefaultFtplet {
        private final List<String> commands = new ArrayList<>();
        private final AtomicInteger logins = new AtomicInteger();
        private final AtomicInteger sessions = new AtomicInteger();
        private final Set<String> disconnectAt = ConcurrentHashMap.newKeySet();
        private final Map<String, Consumer<String>> before = new ConcurrentHashMap<>();

        @Override
        public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
            String line = "PASS".equalsIgnoreCase(request.getCommand()) ? "PASS ****" : request.getRequestLine();
            synchronized (commands) {
                commands.add(line);
            }
            String verb = request.getCommand().toUpperCase(Locale.ROOT);
            Consumer<String> action = before.get(verb);
            if (action != null) {
                action.accept(request.getArgument());
            }
            if (disconnectAt.contains(verb)) {
                return FtpletResult.DISCONNECT;
            }
            return super.beforeCommand(session, request);
        }

        @Override
        public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply)
                throws FtpException, IOException {
            if ("PASS".equalsIgnoreCase(request.getCommand()) && reply != null
                    && reply.getCode() == FtpReply.REPLY_230_USER_LOGGED_IN) {
                logins.incrementAndGet();
            }
            return super.afterCommand(session, request, reply);
        }

        @Override
        public FtpletResult onConnect(FtpSession session) throws FtpException, IOException {
            sessions.incrementAndGet();
            return super.onConnect(session);
        }

        @Override
        public FtpletResult onDisconnect(FtpSession session) throws FtpException, IOException {
            sessions.decrementAndGet();
            return super.onDisconnect(session);
        }

        int openSessions() {
            return sessions.get();
        }

        List<String> commands() {
            synchronized (commands) {
                return List.copyOf(commands);
            }
        }

        void disconnectAt(String verb) {
            disconnectAt.add(verb.toUpperCase(Locale.ROOT));
        }

        void beforeEach(String verb, Consumer<String> action) {
            before.put(verb.toUpperCase(Locale.ROOT), action);
        }

        int loginCount() {
            return logins.get();
        }

        void clear() {
            synchronized (commands) {
                commands.clear();
                logins.set(0);
            }
        }
    }
}
