package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.SocketFactory;

import io.github.ftp3p.protocol.TransferFailedException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failure that is no server's (a bug, the JVM's own) still reaches a route as camel-ftp's exception, is
 * counted, and poisons no pooled connection. Once an IllegalStateException and an ArithmeticException escaped
 * the core past onException(GenericFileOperationFailedException), the failure counter and the pool.
 */
class TypedFailuresTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    /** Makes plain sockets, or throws an unchecked exception while {@code failing} is set. */
    static final class FailingSocketFactory extends SocketFactory {

        final AtomicBoolean failing = new AtomicBoolean();

        private Socket socket() {
            if (failing.get()) {
                throw new IllegalStateException("injected failure that is no server's");
            }
            return new Socket();
        }

        @Override
        public Socket createSocket() {
            return socket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = socket();
            socket.connect(new java.net.InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket(host.getHostAddress(), port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return createSocket(address.getHostAddress(), port);
        }
    }

    @Test
    void anUnexpectedFailureReachesCamelFtpsErrorHandlerAndTheEndpointStillWorksAfterIt() throws Exception {
        FailingSocketFactory sockets = new FailingSocketFactory();
        servers.camel().getRegistry().bind("failingSockets", sockets);
        String uri = servers.uri("copy", "socketFactory=#failingSockets");
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(GenericFileOperationFailedException.class).handled(true).setHeader("handled", constant(true));
                from("direct:copy").to(uri);
            }
        });
        servers.givenSourceFile("a.bin", 1000);
        sockets.failing.set(true);

        Exchange failed = servers.camel().createProducerTemplate().request("direct:copy",
                e -> e.getMessage().setHeader(Exchange.FILE_NAME, "a.bin"));

        assertThat(failed.getMessage().getHeader("handled", Boolean.class)).isTrue();
        Throwable caught = failed.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        assertThat(caught).isInstanceOf(Ftp3pOperationFailedException.class).hasCauseInstanceOf(TransferFailedException.class)
                .hasMessageContaining("injected failure");
        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) servers.camel().getEndpoint(uri);
        assertThat(endpoint.getTransfersFailed()).isEqualTo(1);

        sockets.failing.set(false);
        Exchange next = servers.send(uri, "a.bin");

        assertThat(next.getException()).isNull();
        assertThat(servers.targetFile("a.bin")).hasSize(1000);
        assertThat(endpoint.getSourceConnectionsActive() + endpoint.getTargetConnectionsActive()).isZero();
    }
}
