package io.github.ftp3p.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one server port, for the faults and delays no real server produces
 * on demand: cutting every connection at once (a dropped control connection), pausing the forwarding (a
 * stall), delaying every chunk it forwards (a long round trip; this kernel has no netem), or going silent (a
 * hung server: connections stay open, nothing comes back) now or at a chosen step of the protocol.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean paused;
    private volatile long delayMillis;
    private volatile boolean closed;
    private volatile boolean silent;
    private volatile String silenceOnCommand;
    private volatile String silenceAfterReply;

    private FaultProxy(int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), upstreamPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free port of 127.0.0.1 forwarding to 127.0.0.1:upstreamPort. */
    public static FaultProxy to(int upstreamPort) throws IOException {
        return new FaultProxy(upstreamPort);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /** Closes every open connection at once, in both directions; new connections are still accepted. */
    public void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Stops (true) or resumes (false) forwarding; the connections stay open. */
    public void pause(boolean pause) {
        this.paused = pause;
    }

    /** Holds every forwarded chunk this long, in each direction: a round trip gains twice the delay. */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /**
     * From now on nothing a server sends reaches a client, on every connection, open or new (no greeting either);
     * what clients send still reaches the server, and every connection stays open: a server that hangs.
     */
    public void silence() {
        silent = true;
    }

    /**
     * {@link #silence} as soon as a client sends a line starting with {@code verb} and a space (or only
     * {@code verb}): the server still gets that line and acts on it, but its reply never comes back.
     */
    public void silenceOnCommand(String verb) {
        silenceOnCommand = verb.toUpperCase(Locale.ROOT);
    }

    /** {@link #silence} right after a server sent a line starting with {@code prefix}, which still gets through. */
    public void silenceAfterReply(String prefix) {
        silenceAfterReply = prefix;
    }

    /** Whether the proxy went silent. */
    public boolean silent() {
        return silent;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                connections.incrementAndGet();
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            StringBuilder line = new StringBuilder();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    while (paused && !closed) {
                        Thread.sleep(10);
                    }
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    int forward = fromClient ? scanCommands(buffer, n, line) : silent ? 0 : scanReplies(buffer, n, line);
                    if (forward > 0) {
                        out.write(buffer, 0, forward);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the other pump or cutAll() closed the pair
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "fault-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Goes silent before forwarding a chunk holding the command that silences; forwards all of it. */
    private int scanCommands(byte[] buffer, int n, StringBuilder line) {
        String verb = silenceOnCommand;
        for (int i = 0; i < n && verb != null; i++) {
            if (endsLine(buffer[i], line)) {
                String text = line.toString().toUpperCase(Locale.ROOT).trim();
                line.setLength(0);
                if (text.equals(verb) || text.startsWith(verb + " ")) {
                    silent = true;
                }
            }
        }
        return n;
    }

    /** How much of the chunk gets through: all of it, or up to the end of the reply line that silences. */
    private int scanReplies(byte[] buffer, int n, StringBuilder line) {
        String prefix = silenceAfterReply;
        for (int i = 0; i < n && prefix != null; i++) {
            if (endsLine(buffer[i], line)) {
                boolean silences = line.toString().startsWith(prefix);
                line.setLength(0);
                if (silences) {
                    silent = true;
                    return i + 1;
                }
            }
        }
        return n;
    }

    /** Adds the byte to the line (the first 512 bytes kept: enough for a verb or a reply code); true at LF. */
    private static boolean endsLine(byte b, StringBuilder line) {
        if (b == '\n') {
            return true;
        }
        if (line.length() < 512) {
            line.append((char) (b & 0xff));
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        cutAll();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
