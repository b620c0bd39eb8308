package io.github.ftp3p.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 in front of one port that delays every chunk by a fixed one-way delay from the moment
 * it arrived, in each direction, and counts the bytes it forwards. Unlike a proxy that sleeps before each
 * write, chunks in flight do not queue behind each other's delays: a reader thread stamps each chunk with its
 * due time and a writer thread sends it then, so the link behaves like a wire with that latency (the kernel here
 * has no netem). A one-way delay d gives a round trip of 2d.
 */
final class DelayProxy implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final long delayNanos;
    private final AtomicLong bytes = new AtomicLong();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DelayProxy(int upstreamPort, Duration oneWayDelay) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        this.upstream = new InetSocketAddress(loopback, upstreamPort);
        this.delayNanos = oneWayDelay.toNanos();
        this.listener = new ServerSocket(0, 50, loopback);
        daemon("delay-proxy-" + listener.getLocalPort(), this::accept);
    }

    /** A proxy on a free port of 127.0.0.1 to 127.0.0.1:upstreamPort, delaying each direction by oneWayDelay. */
    static DelayProxy start(int upstreamPort, Duration oneWayDelay) {
        try {
            return new DelayProxy(upstreamPort, oneWayDelay);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a proxy to port " + upstreamPort, e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes forwarded, both directions, since the start or the last reset. */
    long bytes() {
        return bytes.get();
    }

    void resetBytes() {
        bytes.set(0);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                server.connect(upstream, 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                AtomicInteger ended = new AtomicInteger();
                forward(client, server, ended);
                forward(server, client, ended);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private record Chunk(long dueNanos, byte[] data) {
    }

    /**
     * One direction: a reader that stamps chunks, a writer that sends each when due. The end of the stream is
     * passed on as a half close; the pair is closed when both directions have ended, or at once on an error.
     */
    private void forward(Socket from, Socket to, AtomicInteger ended) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("delay-proxy-read", () -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes.addAndGet(n);
                    byte[] data = new byte[n];
                    System.arraycopy(buffer, 0, data, 0, n);
                    queue.add(new Chunk(System.nanoTime() + delayNanos, data));
                }
            } catch (IOException e) {
                // closed: end this direction
            }
            queue.add(new Chunk(System.nanoTime() + delayNanos, END));
        });
        daemon("delay-proxy-write", () -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Chunk chunk = queue.take(); chunk.data() != END; chunk = queue.take()) {
                    for (long wait; (wait = chunk.dueNanos() - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(chunk.data());
                    out.flush();
                }
                to.shutdownOutput();
                if (ended.incrementAndGet() < 2) {
                    return;
                }
            } catch (IOException | InterruptedException e) {
                // a broken pair: close it
            }
            close(from);
            close(to);
        });
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(this::close);
    }
}
