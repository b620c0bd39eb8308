package io.github.ftp3p.protocol;

import java.time.Duration;

import javax.net.SocketFactory;

/**
 * How control connections are opened.
 *
 * @param connectTimeout how long the TCP connect may take: 1 ms to {@link Ranges#MAX_DURATION}
 * @param replyTimeout   how long a reply to an ordinary command may take: 1 ms to {@link Ranges#MAX_DURATION}
 * @param socketFactory  makes the control sockets (for binding a local address or counting bytes); null for
 *                       the JDK default
 */
public record ConnectionSettings(Duration connectTimeout, Duration replyTimeout, SocketFactory socketFactory) {

    public ConnectionSettings {
        Ranges.requirePositive("connectTimeout", connectTimeout);
        Ranges.requirePositive("replyTimeout", replyTimeout);
    }
}
