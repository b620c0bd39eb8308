package io.github.ftp3p.testing;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} whose plain sockets count every byte read and written, summed over all sockets it made.
 *
 * <p>Why it exists: the whole point of FXP is that file content flows server to server and never through the
 * client. Giving the client this factory (e.g. {@code FTPClient.setSocketFactory}) lets a test prove it: after a
 * large transfer the client's traffic must stay at control-channel size.
 *
 * <p>Supports the unconnected {@link #createSocket()} that commons-net uses ({@code createSocket()} then
 * {@code connect(address, timeout)}). Counts are of application bytes, not TCP/IP overhead.
 */
public class CountingSocketFactory extends SocketFactory {

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger sockets = new AtomicInteger();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();

    /** Bytes read from all sockets since creation or the last {@link #reset()}. */
    public long bytesRead() {
        return read.get();
    }

    /** Bytes written to all sockets since creation or the last {@link #reset()}. */
    public long bytesWritten() {
        return written.get();
    }

    /** {@link #bytesRead()} plus {@link #bytesWritten()}. */
    public long total() {
        return read.get() + written.get();
    }

    /**
     * Write calls on all sockets since creation or the last {@link #reset()}: on a control connection, how
     * many times the client spoke, whatever number of commands each write carried.
     */
    public long writes() {
        return writes.get();
    }

    /** Sockets created since creation or the last {@link #reset()}. */
    public int socketsCreated() {
        return sockets.get();
    }

    /**
     * Sockets made by this factory and not closed yet (a socket that is closed twice counts once): a test can
     * prove that no failure path leaks one. Not changed by {@link #reset()}, since it counts what is open now.
     */
    public int openSockets() {
        return open.get();
    }

    /** Sets all counters, including {@link #socketsCreated()}, back to zero. */
    public void reset() {
        read.set(0);
        written.set(0);
        sockets.set(0);
        writes.set(0);
    }

    @Override
    public Socket createSocket() {
        sockets.incrementAndGet();
        open.incrementAndGet();
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connect(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connect(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connect(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    private Socket connect(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Called on the connecting thread once a socket made by this factory has connected: a test can act at that
     * exact moment (e.g. break another connection once a data connection is up). Does nothing here.
     */
    protected void connected(Socket socket) {
    }

    /** A plain socket whose streams are wrapped once, so repeated calls return the same counting wrapper. */
    private final class CountingSocket extends Socket {
        private InputStream in;
        private OutputStream out;
        private final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            connected(this);
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
            super.close();
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new CountingInputStream(super.getInputStream());
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new CountingOutputStream(super.getOutputStream());
            }
            return out;
        }
    }

    private final class CountingInputStream extends FilterInputStream {
        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n); // a socket stream skips by reading
            if (skipped > 0) {
                read.addAndGet(skipped);
            }
            return skipped;
        }
    }

    private final class CountingOutputStream extends FilterOutputStream {
        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written.incrementAndGet();
            writes.incrementAndGet();
        }

        /** Overridden because FilterOutputStream would otherwise write byte by byte. */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written.addAndGet(len);
            writes.incrementAndGet();
        }
    }
}
