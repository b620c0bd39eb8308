package io.github.ftp3p.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.SocketFactory;

/**
 * Data connections from this host to a passive server: for the relay ({@link RelayTransfer}) and for listings
 * ({@link NameListing}), the only times data reaches this host, and for empty done files ({@link #storeEmpty}). PASV or EPSV (the {@link AddressPolicy} applies),
 * connect, REST when resuming, the command, TLS when the data is protected (RFC 4217 section 9), and its 1yz.
 */
public final class PassiveData {

    private final TransferOptions options;
    private final SocketFactory sockets;
    private final Duration timeout;

    /**
     * @param sockets makes the data sockets (the control connections' factory, so a bound local address or a
     *                byte count applies to them too); null for the JDK default
     * @param timeout for connecting, each reply, and each read on the data connection
     */
    public PassiveData(TransferOptions options, SocketFactory sockets, Duration timeout) {
        this.options = options;
        this.sockets = sockets == null ? SocketFactory.getDefault() : sockets;
        this.timeout = timeout;
    }

    /**
     * A passive data connection to {@code connection}'s server, with {@code command} started. Whatever fails after
     * the socket is made (the connect, REST, the command, the TLS handshake, its reply) closes the socket: the
     * caller only owns it once it is returned.
     *
     * @param tls FTPS settings of that server, or null; the data is protected when they say so
     */
    public Socket open(ControlConnection connection, FtpCommand command, long restartAt, TlsSettings tls) {
        PassiveAddress address = FxpTransfer.openPassive(connection, extended(connection), options);
        Socket data = socket(connection, command);
        try {
            connect(data, address, connection, command);
            if (restartAt > 0) {
                FxpTransfer.restart(connection, restartAt);
            }
            connection.send(command);
            return started(data, connection, command, tls);
        } catch (RuntimeException e) {
            throw closed(data, e);
        }
    }

    /** The command that opens a passive data connection to {@code connection}'s server: EPSV or PASV. */
    public FtpCommand passiveCommand(ControlConnection connection) {
        return FtpCommand.of(extended(connection) ? "EPSV" : "PASV");
    }

    /**
     * As {@link #open}, for {@code passive} and {@code command} already sent together, after any earlier pair
     * (pipelined, RFC 959 section 4.2: the server answers them in turn): reads the passive reply, connects, reads
     * the command's 1yz. When the passive command was refused the server still answers the command (425, 503):
     * that reply is read, so the connection stays in step. When its address is refused here, the server waits for a
     * data connection that never comes, so the control connection is given up.
     */
    public Socket openSent(ControlConnection connection, FtpCommand passive, FtpCommand command, TlsSettings tls) {
        FtpReply reply = connection.readReply(passive, timeout);
        PassiveAddress address;
        try {
            address = FxpTransfer.openPassive(connection, passive, reply, options);
        } catch (DataAddressException e) {
            connection.markBroken();
            throw e;
        } catch (FtpReplyException e) {
            connection.readReply(command, timeout);
            throw e;
        }
        Socket data = socket(connection, command);
        try {
            connect(data, address, connection, command);
            return started(data, connection, command, tls);
        } catch (RuntimeException e) {
            throw closed(data, e);
        }
    }

    private boolean extended(ControlConnection connection) {
        return options.extendedMode().useExtended(connection, connection);
    }

    private Socket socket(ControlConnection connection, FtpCommand command) {
        try {
            return sockets.createSocket();
        } catch (IOException e) {
            throw new FtpConnectionException(connection.side(), command, "cannot make a data socket", e);
        }
    }

    /** TLS when the data is protected, then the command's 1yz. */
    private Socket started(Socket data, ControlConnection connection, FtpCommand command, TlsSettings tls) {
        // The server starts TLS on the data connection once it has the command (RFC 4217 section 9).
        Socket stream = tls != null && tls.privateData() ? protect(data, tls, connection, command) : data;
        FtpReply reply = connection.readReply(command, timeout);
        if (!reply.isPreliminary()) {
            throw new FtpReplyException(connection.side(), command, reply);
        }
        return stream;
    }

    /** Whatever failed after the socket was made closes it: the caller only owns a socket once it is returned. */
    private static RuntimeException closed(Socket data, RuntimeException e) {
        // Closing the plain socket also ends a TLS session layered on it.
        try {
            data.close();
        } catch (IOException closing) {
            e.addSuppressed(closing);
        }
        return e;
    }

    /**
     * Writes an empty file: {@code stor} over a passive data connection from this host, closed at once, so no byte
     * crosses it (a done file). Returns the STOR's final reply, which must be 2yz.
     */
    public FtpReply storeEmpty(ControlConnection connection, FtpCommand stor, TlsSettings tls) {
        Socket data = open(connection, stor, 0, tls);
        try {
            data.close();
        } catch (IOException e) {
            throw new FtpConnectionException(connection.side(), stor, "closing the data connection failed", e);
        }
        return finalReply(connection, stor);
    }

    /** The final reply to a transfer command, which must be 2yz. */
    public FtpReply finalReply(ControlConnection connection, FtpCommand command) {
        FtpReply reply = connection.readReply(command, timeout);
        if (!reply.isPositive()) {
            throw new FtpReplyException(connection.side(), command, reply);
        }
        return reply;
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
}
