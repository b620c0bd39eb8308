package io.github.ftp3p.camel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Sockets bound to one local address, such as 127.0.0.2: on loopback every address is 127.0.0.1, so a server's
 * "the data connection must come from the client" check always passes; from 127.0.0.2 it bites.
 */
public final class BoundSocketFactory extends SocketFactory {

    private final InetAddress local;

    public BoundSocketFactory(String local) throws IOException {
        this.local = InetAddress.getByName(local);
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(address, port);
    }

    private Socket connected(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }
}
