package io.github.ftp3p.protocol;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The one way this host starts TLS as a client, on control and data connections alike: the JDK checks that the
 * certificate chains to a trusted issuer, but checks the name in it only when asked, so every handshake asks.
 */
final class TlsClient {

    private TlsClient() {
    }

    /**
     * Layers a TLS client socket on the connected {@code plain} socket (closing the TLS socket closes it) and
     * completes the handshake, requiring the server's certificate to be issued for {@code host} (its DNS name or
     * IP address, as in HTTPS, RFC 2818 section 3.1).
     */
    static SSLSocket handshake(SSLContext context, Socket plain, String host) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        tls.setUseClientMode(true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }
}
