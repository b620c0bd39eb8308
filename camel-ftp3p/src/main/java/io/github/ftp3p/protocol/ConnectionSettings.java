package io.github.ftp3p.protocol;

import java.time.Duration;
import java.util.Objects;

import javax.net.SocketFactory;

/**
 * How control connections are opened.
 *
 * @param connectTimeout how long the TCP connect may take
 * @param replyTimeout   how long a reply to an ordinary command may take
 * @param socketFactory  makes the control sockets (for binding a local address or counting bytes); null for
 *                       the JDK default
 */
public record ConnectionSettings(Duration connectTimeout, Duration replyTimeout, SocketFactory socketFactory) {

    public ConnectionSettings {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("replyTimeout", replyTimeout);
    }

    static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
