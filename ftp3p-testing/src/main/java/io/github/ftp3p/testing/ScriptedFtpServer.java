package io.github.ftp3p.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately tiny FTP control server on {@code 127.0.0.1} whose replies a test can script verb by verb.
 *
 * <p>Why it exists: some behaviours that break FXP clients are never produced by Apache FtpServer, but are normal
 * for other servers, or only happen when things go wrong (malformed or multi-line replies, dropped connections,
 * timeouts). The most important one is built in: like vsftpd, ProFTPD and Pure-FTPd, {@code STOR} and
 * {@code RETR} in passive mode send <em>no</em> reply until the data connection has arrived. A client that waits
 * for {@code 150} from the target's {@code STOR} before sending {@code RETR} to the source deadlocks against such
 * servers.
 *
 * <p>Built-in replies: greeting {@code 220 scripted}; {@code USER 331}; {@code PASS 230}; {@code TYPE 200};
 * {@code NOOP 200}; {@code QUIT 221} then close; {@code FEAT 211} (single line); {@code DELE 250} (removes the
 * file); {@code SIZE 213 n} or {@code 550}; {@code ABOR 226}; {@code PASV 227}/{@code EPSV 229} (opens a data
 * listener); {@code PORT}/{@code EPRT 200} (remembers the address); {@code STOR}/{@code RETR} with late
 * {@code 150}; {@code MKD 257}; {@code RNFR 350}/{@code RNTO 250} (renames in the store); {@code CPSV} as PASV;
 * {@code AUTH TLS}, {@code PBSZ}, {@code PROT} when {@link #tls} is set; anything else {@code 502}. Files live in memory, keyed by the argument exactly as sent.
 *
 * <p>One daemon thread per control connection; commands on a connection are handled one at a time, so a handler
 * that blocks also blocks reading the next command, as in simple real servers.
 */
public final class ScriptedFtpServer implements AutoCloseable {

    /** The only address the server binds to. */
    public static final String HOST = "127.0.0.1";

    /** How long the built-in {@code STOR}/{@code RETR} wait for a passive data connection. */
    public static final Duration DATA_TIMEOUT = Duration.ofSeconds(30);

    /** Handles one command (or, for {@link #onConnect}, the greeting). */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param s        the control connection
         * @param argument text after the first space, or {@code ""} if none
         */
        void handle(Session s, String argument) throws IOException;
    }

    /**
     * A listing that stops: 150, half a LIST line on the data connection, then nothing more, the data connection
     * left open, as a server does that hangs mid-listing.
     */
    public static final Handler LISTING_THAT_STOPS = (s, argument) -> {
        s.reply("150 listing");
        Socket data = s.acceptData(DATA_TIMEOUT);
        data.getOutputStream().write("-rw-r--r-- 1 u g 10 Jan 01 00:00 half".getBytes(StandardCharsets.UTF_8));
        data.getOutputStream().flush();
    };

    private final ServerSocket serverSocket;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, byte[]> store = new ConcurrentHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final Set<Closeable> resources = ConcurrentHashMap.newKeySet();
    private volatile Handler greeting = (s, argument) -> s.reply("220 scripted");
    private volatile SSLContext tls;
    private volatile boolean closed;

    private ScriptedFtpServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        Thread acceptor = new Thread(this::acceptLoop, "scripted-ftp-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on {@code 127.0.0.1} and a free port. */
    public static ScriptedFtpServer start() throws IOException {
        return new ScriptedFtpServer();
    }

    /** Replaces the behaviour of {@code verb} (case-insensitive), from the next such command on any connection. */
    public ScriptedFtpServer on(String verb, Handler handler) {
        handlers.put(verb.toUpperCase(Locale.ROOT), handler);
        return this;
    }

    /** Replaces the greeting ({@code 220 scripted}); the handler gets an empty argument. */
    public ScriptedFtpServer onConnect(Handler handler) {
        greeting = handler;
        return this;
    }

    /**
     * Offers explicit FTPS: {@code AUTH TLS} is answered 234 and the control connection continues in TLS with
     * this server context; {@code PBSZ} and {@code PROT} are accepted. Data connections stay plain: a scripted
     * pair only plays the command flow of TLS.
     */
    public ScriptedFtpServer tls(SSLContext serverContext) {
        this.tls = serverContext;
        return this;
    }

    /** The thread-safe file store shared by all connections, keyed by file name as sent by the client. */
    public Map<String, byte[]> store() {
        return store;
    }

    /** Puts a file into the store. */
    public ScriptedFtpServer put(String name, byte[] data) {
        store.put(name, data.clone());
        return this;
    }

    /** Always {@code "127.0.0.1"}. */
    public String host() {
        return HOST;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Snapshot of the command lines received on all connections, in arrival order, {@code PASS ****} masked. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** Closes the listening socket and every control and data socket still open. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (Closeable resource : resources) {
            closeQuietly(resource);
        }
        resources.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket control;
            try {
                control = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            track(control);
            try {
                control.setTcpNoDelay(true); // replies must not sit in Nagle's buffer, as with EmbeddedFtpServer
            } catch (IOException e) {
                release(control);
                continue;
            }
            Thread worker = new Thread(() -> serve(control), "scripted-ftp-" + control.getPort());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket control) {
        try (Session session = new Session(control)) {
            greeting.handle(session, "");
            String line;
            while (!session.controlClosed && (line = session.readLine()) != null) {
                int space = line.indexOf(' ');
                String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                String argument = space < 0 ? "" : line.substring(space + 1);
                record("PASS".equals(verb) ? "PASS ****" : line);
                Handler handler = handlers.get(verb);
                if (handler != null) {
                    handler.handle(session, argument);
                } else {
                    session.handleDefault(verb, argument);
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection dropped or a handler failed: end this connection only
        }
    }

    private void record(String line) {
        synchronized (commands) {
            commands.add(line);
        }
    }

    private <T extends Closeable> T track(T resource) {
        resources.add(resource);
        if (closed) {
            closeQuietly(resource);
        }
        return resource;
    }

    private void release(Closeable resource) {
        if (resource != null) {
            resources.remove(resource);
            closeQuietly(resource);
        }
    }

    private static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException ignored) {
            // nothing useful to do while tearing down
        }
    }

    /** One control connection, as seen by a {@link Handler}. */
    public final class Session implements Closeable {
        private Socket control;
        private InputStream in;
        private OutputStream out;
        private ServerSocket passive;
        private InetSocketAddress active;
        private String renameFrom;
        private volatile boolean controlClosed;

        private Session(Socket control) throws IOException {
            this.control = control;
            this.in = control.getInputStream();
            this.out = control.getOutputStream();
        }

        /**
         * Bytes the client wrote on the control connection that no handler has read yet: commands it sent ahead,
         * without waiting for the replies to the ones before.
         */
        public int pendingCommandBytes() throws IOException {
            return in.available();
        }

        /** Writes {@code rawLine} followed by CRLF and flushes. Nothing is validated or added. */
        public void reply(String rawLine) throws IOException {
            writeRaw((rawLine + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        /** Writes bytes as they are on the control connection and flushes. */
        public void writeRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Closes the control connection; the session ends after the current handler returns. */
        public void closeControl() throws IOException {
            controlClosed = true;
            control.close();
        }

        /**
         * Opens a new passive data listener on {@code 127.0.0.1} and a free port (closing any previous one) and
         * leaves active mode. It is closed after the next transfer, or with the session.
         */
        public ServerSocket openPassiveListener() throws IOException {
            closePassive();
            active = null;
            passive = track(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            return passive;
        }

        /**
         * Waits for the data connection on the passive listener, then closes the listener.
         *
         * @throws SocketTimeoutException if nobody connects in time
         * @throws IOException            if there is no passive listener
         */
        public Socket acceptData(Duration timeout) throws IOException {
            if (passive == null) {
                throw new IOException("no passive listener: PASV/EPSV not sent");
            }
            passive.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
            try {
                Socket data = track(passive.accept());
                data.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
                return data;
            } finally {
                closePassive();
            }
        }

        /** Connects to the address given by the last {@code PORT}/{@code EPRT}; fails if there was none. */
        public Socket connectActive(Duration timeout) throws IOException {
            if (active == null) {
                throw new IOException("no active address: PORT/EPRT not sent");
            }
            Socket data = track(new Socket());
            try {
                data.connect(active, Math.toIntExact(Math.max(1, timeout.toMillis())));
                data.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
            } catch (IOException e) {
                release(data);
                throw e;
            }
            return data;
        }

        /** The address from the last {@code PORT}/{@code EPRT}, or {@code null} if in passive mode or unset. */
        public InetSocketAddress activeAddress() {
            return active;
        }

        /** The shared file store (same as {@link ScriptedFtpServer#store()}). */
        public Map<String, byte[]> store() {
            return store;
        }

        /** Runs the built-in behaviour for {@code verb}, e.g. to delegate after a scripted delay. */
        public void handleDefault(String verb, String argument) throws IOException {
            switch (verb.toUpperCase(Locale.ROOT)) {
                case "USER" -> reply("331 password");
                case "PASS" -> reply("230 logged in");
                case "TYPE" -> reply("200 type set");
                case "NOOP" -> reply("200 ok");
                case "FEAT" -> reply("211 no features");
                case "ABOR" -> reply("226 abort ok");
                case "QUIT" -> {
                    reply("221 bye");
                    closeControl();
                }
                case "DELE" -> {
                    store.remove(argument);
                    reply("250 deleted");
                }
                case "SIZE" -> {
                    byte[] data = store.get(argument);
                    reply(data == null ? "550 no such file" : "213 " + data.length);
                }
                case "AUTH" -> {
                    if (tls == null) {
                        reply("502 no TLS here");
                    } else {
                        reply("234 proceed with TLS");
                        startTls();
                    }
                }
                case "PBSZ" -> reply("200 PBSZ=0");
                case "PROT" -> reply("200 protection set");
                case "PASV", "CPSV" -> {
                    int p = openPassiveListener().getLocalPort();
                    reply("227 Entering Passive Mode (127,0,0,1," + (p >> 8) + "," + (p & 0xff) + ")");
                }
                case "EPSV" -> reply("229 Entering Extended Passive Mode (|||" + openPassiveListener().getLocalPort()
                        + "|)");
                case "PORT" -> setActive(parsePort(argument));
                case "EPRT" -> setActive(parseEprt(argument));
                case "STOR" -> stor(argument);
                case "RETR" -> retr(argument);
                case "MKD" -> reply("257 \"" + argument + "\" created");
                case "RNFR" -> {
                    renameFrom = store.containsKey(argument) ? argument : null;
                    reply(renameFrom == null ? "550 no such file" : "350 ready for RNTO");
                }
                case "RNTO" -> {
                    if (renameFrom == null) {
                        reply("503 RNFR first");
                    } else {
                        store.put(argument, store.remove(renameFrom));
                        renameFrom = null;
                        reply("250 renamed");
                    }
                }
                default -> reply("502 not implemented");
            }
        }

        private void startTls() throws IOException {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(control, HOST, control.getPort(), true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            control = track(secure);
            in = secure.getInputStream();
            out = secure.getOutputStream();
        }

        private void setActive(InetSocketAddress address) throws IOException {
            if (address == null) {
                reply("501 bad address");
                return;
            }
            closePassive();
            active = address;
            reply("200 ok");
        }

        /** No reply at all until the data connection exists: the late-150 behaviour of vsftpd and friends. */
        private void stor(String name) throws IOException {
            Socket data = openData();
            if (data == null) {
                return;
            }
            try {
                reply("150 ok");
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                data.getInputStream().transferTo(received);
                store.put(name, received.toByteArray());
            } finally {
                release(data);
            }
            reply("226 done");
        }

        private void retr(String name) throws IOException {
            byte[] content = store.get(name);
            if (content == null) {
                reply("550 no such file");
                return;
            }
            Socket data = openData();
            if (data == null) {
                return;
            }
            try {
                reply("150 ok");
                data.getOutputStream().write(content);
                data.getOutputStream().flush();
            } finally {
                release(data);
            }
            reply("226 done");
        }

        /** Opens the data connection in the current mode, replying 425 and returning {@code null} on failure. */
        private Socket openData() throws IOException {
            try {
                if (passive != null) {
                    return acceptData(DATA_TIMEOUT);
                }
                if (active != null) {
                    return connectActive(DATA_TIMEOUT);
                }
                reply("425 use PORT or PASV first");
            } catch (SocketTimeoutException e) {
                reply("425 no data connection");
            } catch (IOException e) {
                if (controlClosed || closed) {
                    throw e;
                }
                reply("425 cannot open data connection");
            }
            return null;
        }

        private void closePassive() {
            release(passive);
            passive = null;
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    break;
                }
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        @Override
        public void close() {
            controlClosed = true;
            closePassive();
            release(control);
        }
    }

    /** {@code h1,h2,h3,h4,p1,p2}, or {@code null} if malformed. */
    private static InetSocketAddress parsePort(String argument) {
        String[] parts = argument.trim().split(",");
        if (parts.length != 6) {
            return null;
        }
        try {
            int[] n = new int[6];
            for (int i = 0; i < 6; i++) {
                n[i] = Integer.parseInt(parts[i].trim());
                if (n[i] < 0 || n[i] > 255) {
                    return null;
                }
            }
            String host = n[0] + "." + n[1] + "." + n[2] + "." + n[3];
            return new InetSocketAddress(InetAddress.getByName(host), n[4] * 256 + n[5]);
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }

    /** {@code <d>proto<d>address<d>port<d>} (RFC 2428), or {@code null} if malformed. */
    private static InetSocketAddress parseEprt(String argument) {
        String text = argument.trim();
        if (text.length() < 7) {
            return null;
        }
        String d = text.substring(0, 1);
        String[] parts = text.split(Pattern.quote(d), -1);
        // "", proto, address, port, ""
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[4].isEmpty()) {
            return null;
        }
        // numeric addresses only, so that parsing never triggers a DNS lookup
        boolean numeric = ("1".equals(parts[1]) && parts[2].matches("\\d{1,3}(\\.\\d{1,3}){3}"))
                || ("2".equals(parts[1]) && parts[2].matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"));
        if (!numeric) {
            return null;
        }
        try {
            int port = Integer.parseInt(parts[3]);
            if (port < 1 || port > 65535) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByName(parts[2]), port);
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }
}
