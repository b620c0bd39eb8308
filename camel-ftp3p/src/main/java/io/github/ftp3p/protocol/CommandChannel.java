package io.github.ftp3p.protocol;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.apache.commons.net.ftp.FTP;

/**
 * commons-net's {@link FTP} used as a plain transport: it connects and exposes the raw line reader and
 * writer. Its own {@code sendCommand} always waits for the reply; FXP needs two transfer commands
 * outstanding at once, so this class can also send a line without reading. Every reply, the 220 greeting
 * included, is read by {@link ReplyReader}: commons-net's reader accepts lines and replies of any length.
 */
final class CommandChannel extends FTP {

    /** Set before connect() for implicit FTPS: TLS starts before the greeting is read. */
    private SSLContext implicitTls;
    private String tlsHost;

    void useImplicitTls(SSLContext context, String host) {
        this.implicitTls = context;
        this.tlsHost = host;
    }

    /**
     * Replaces FTP's connect action, which reads the greeting with commons-net's unbounded reader: only the
     * socket's timeout (so that an implicit TLS handshake is bounded too) and the streams are set up here, and
     * the caller reads the greeting with {@link #readReply}.
     */
    @Override
    protected void _connectAction_() throws IOException {
        applySocketAttributes();
        useSocket(implicitTls != null ? handshake(implicitTls, tlsHost) : _socket_);
    }

    /**
     * Turns the connected control socket into a TLS client socket (after AUTH TLS, RFC 4217 section 4) that
     * verifies the server's certificate and its host name or address, and rebuilds the reader and writer on it.
     */
    void startTls(SSLContext context, String host) throws IOException {
        useSocket(handshake(context, host));
    }

    private void useSocket(Socket socket) throws IOException {
        _socket_ = socket;
        _input_ = socket.getInputStream();
        _output_ = socket.getOutputStream();
        _controlInput_ = new BufferedReader(new InputStreamReader(_input_, getControlEncoding()));
        _controlOutput_ = new BufferedWriter(new OutputStreamWriter(_output_, getControlEncoding()));
    }

    private SSLSocket handshake(SSLContext context, String host) throws IOException {
        return TlsClient.handshake(context, _socket_, host);
    }

    void sendLine(String line) throws IOException {
        BufferedWriter out = _controlOutput_;
        if (out == null) {
            throw new IOException("the connection was closed");
        }
        out.write(line + "\r\n");
        out.flush();
    }

    /**
     * Reads the next reply with ftp3p's bounded reader instead of commons-net's, which accepts lines and
     * replies of any length and only times out when nothing at all arrives.
     */
    FtpReply readReply(Duration timeout) throws IOException {
        BufferedReader in = _controlInput_;
        if (in == null) {
            throw new IOException("the connection was closed");
        }
        try {
            setSoTimeout(Math.toIntExact(timeout.toMillis()));
            return ReplyReader.read(in, timeout);
        } catch (NullPointerException e) {
            // disconnect() from another thread (an abort, a monitor or a pool closing) drops the socket and the
            // reader under this one
            throw new IOException("the connection was closed", e);
        }
    }
}
