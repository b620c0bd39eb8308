package io.github.ftp3p.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a file through this host, for a server pair that refuses FXP both ways (fallback=relay), as lftp
 * does when FXP fails: a passive data connection from this host to each server, RETR on the source, STOR on
 * the target, and the bytes copied through one fixed buffer, so memory stays flat whatever the file size and
 * nothing is written to this host's disk. The steps:
 * <ol>
 * <li>PASV/EPSV to the source, connect, REST if resuming, RETR, await its 1yz;</li>
 * <li>PASV/EPSV to the target, connect, REST if resuming, STOR, await its 1yz;</li>
 * <li>copy until the source's end of data, close the target's data connection;</li>
 * <li>both final replies.</li>
 * </ol>
 */
public final class RelayTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(RelayTransfer.class);
    private static final int BUFFER = 64 * 1024;

    private final ControlConnection source;
    private final ControlConnection target;
    private final TransferOptions options;
    private final SocketFactory sockets;
    private final Duration timeout;
    private final TlsSettings sourceTls;
    private final TlsSettings targetTls;

    /**
     * @param sockets makes the data sockets (the control connections' factory, so a bound local address or a
     *                byte count applies to them too); null for the JDK default
     * @param timeout for connecting, each reply, and each read on the data connections
     * @param sourceTls FTPS on the source (its data connection in TLS with PROT P), or null
     * @param targetTls FTPS on the target, or null
     */
    public RelayTransfer(ControlConnection source, ControlConnection target, TransferOptions options, SocketFactory sockets,
            Duration timeout, TlsSettings sourceTls, TlsSettings targetTls) {
        this.sourceTls = sourceTls;
        this.targetTls = targetTls;
        this.source = source;
        this.target = target;
        this.options = options;
        this.sockets = sockets == null ? SocketFactory.getDefault() : sockets;
        this.timeout = timeout;
    }

    public TransferOutcome run(String sourcePath, FtpCommand stor, long restartAt) {
        FtpCommand retr = FtpCommand.of("RETR", Arguments.requireSafeName("source path", sourcePath));
        boolean storSent = false;
        try (Socket in = open(source, retr, restartAt)) {
            storSent = true;
            try (Socket out = open(target, stor, restartAt)) {
                copy(in, out, retr, stor);
            }
            FtpReply sourceReply = finalReply(source, retr);
            FtpReply targetReply = finalReply(target, stor);
            return new TransferOutcome(null, sourceReply, targetReply, null, false, false);
        } catch (FtpTransferException e) {
            source.markBroken();
            target.markBroken();
            return new TransferOutcome(null, null, null, e, false, storSent);
        } catch (IOException e) {
            source.markBroken();
            target.markBroken();
            return new TransferOutcome(null, null, null, new FtpConnectionException(Side.SOURCE, retr,
                    "relay data connection failed", e), false, storSent);
        }
    }

    /**
     * A passive data connection to {@code connection}'s server, with its transfer command started. Whatever fails
     * after the socket is made (the connect, REST, the command, the TLS handshake, its reply) closes the socket:
     * the caller only owns it once it is returned.
     */
    private Socket open(ControlConnection connection, FtpCommand command, long restartAt) throws IOException {
        boolean extended = options.extendedMode().useExtended(connection, connection);
        PassiveAddress address = FxpTransfer.openPassive(connection, extended, options);
        Socket data = sockets.createSocket();
        try {
            connect(data, address, connection, command);
            if (restartAt > 0) {
                FxpTransfer.restart(connection, restartAt);
            }
            connection.send(command);
            TlsSettings tls = connection.side() == Side.SOURCE ? sourceTls : targetTls;
            // The server starts TLS on the data connection once it has the command (RFC 4217 section 9).
            Socket stream = tls != null && tls.privateData() ? protect(data, tls, connection, command) : data;
            FtpReply reply = connection.readReply(command, timeout);
            if (!reply.isPreliminary()) {
                throw new FtpReplyException(connection.side(), command, reply);
            }
            return stream;
        } catch (RuntimeException e) {
            // Closing the plain socket also ends a TLS session layered on it.
            try {
                data.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void connect(Socket data, PassiveAddress address, ControlConnection connection, FtpCommand command) {
        try {
            data.connect(new InetSocketAddress(address.address(), address.port()), Math.toIntExact(timeout.toMillis()));
            data.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        } catch (IOException e) {
            throw new FtpConnectionException(connection.side(), command, "cannot open the data connection to " + address, e);
        }
    }

    /**
     * TLS on the data connection, verifying the server's certificate for the host name the control connection
     * was opened to (the name the user configured, not the data address), as on the control connection: a
     * certificate that is trusted but issued for another host must not receive the file.
     */
    private static Socket protect(Socket data, TlsSettings tls, ControlConnection connection, FtpCommand command) {
        String host = connection.server().host();
        try {
            return TlsClient.handshake(tls.context(), data, host);
        } catch (IOException e) {
            throw new FtpConnectionException(connection.side(), command, "TLS on the data connection to " + host
                    + " failed (is the server's certificate trusted, and issued for " + host + "?)", e);
        }
    }

    private void copy(Socket from, Socket to, FtpCommand retr, FtpCommand stor) {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new FtpConnectionException(Side.SOURCE, retr, "relay data connection failed after " + copied
                            + " bytes", e);
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new FtpConnectionException(Side.TARGET, stor, "relay data connection failed after " + copied
                            + " bytes", e);
                }
                copied += n;
            }
        } catch (IOException e) {
            throw new FtpConnectionException(Side.TARGET, stor, "closing the relay data connection failed", e);
        }
        LOG.debug("Relayed {} bytes", copied);
    }

    private FtpReply finalReply(ControlConnection connection, FtpCommand command) {
        FtpReply reply = connection.readReply(command, timeout);
        if (!reply.isPositive()) {
            throw new FtpReplyException(connection.side(), command, reply);
        }
        return reply;
    }
}
