package io.github.ftp3p.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link RealFtpServer} runs when it is to be another host: inside the network namespace {@code namespace}
 * (started through {@code ip netns exec}), listening on {@code address}, an IPv4 address of that namespace, and
 * control port {@code port}.
 *
 * <p>The namespace is one a test made itself (see {@link TwoHostNetwork}): nothing else listens there, so the
 * control port is chosen by the test instead of found free in this JVM's own namespace, where {@code address}
 * does not exist. Two servers in one namespace need two ports.
 */
public record NamespaceHost(String namespace, String address, int port) {

    /** The control port unless another is given. */
    public static final int CONTROL_PORT = 2121;

    public NamespaceHost(String namespace, String address) {
        this(namespace, address, CONTROL_PORT);
    }

    public NamespaceHost {
        if (port < 1024 || port > 65535) {
            // The servers run as root and could bind a well-known port, but a test has no business there.
            throw new IllegalArgumentException("the control port must be within 1024..65535: " + port);
        }
        if (!namespace.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("not a network namespace name: " + namespace);
        }
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not a literal IPv4 address: " + address);
        }
    }

    /** The same namespace and address, another control port. */
    public NamespaceHost withPort(int value) {
        return new NamespaceHost(namespace, address, value);
    }

    /** {@code command} run inside the namespace; {@code ip netns exec} execs it in place, so its PID is the server's. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }
}
