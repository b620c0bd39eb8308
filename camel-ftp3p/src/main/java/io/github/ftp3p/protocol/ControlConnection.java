package io.github.ftp3p.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in control connection to one side, in binary mode. The one place where commands are sent and
 * replies read: every failure comes out as an {@link FtpTransferException} naming this side and the command.
 * <p>
 * One thread sends and reads at a time, except that {@link #send} may be called (for ABOR) while another
 * thread waits in {@link #readReply}.
 */
public final class ControlConnection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlConnection.class);
    private static final FtpCommand QUIT = FtpCommand.of("QUIT");
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);

    private final Side side;
    private final FtpServerAddress server;
    private final CommandChannel channel;
    private final Duration replyTimeout;
    private volatile boolean broken;
    /** Kept from the connect: the data port of a passive server is released at this address after an abort too. */
    private volatile InetAddress peerAddress;
    private FtpReply greeting;
    private boolean sscnOn;
    private volatile long lastUsedNanos = System.nanoTime();
    /** Commands were written since the last reply was read: the next read waits a round trip. */
    private volatile boolean written;
    private volatile long roundTrips;

    private ControlConnection(Side side, FtpServerAddress server, CommandChannel channel, Duration replyTimeout) {
        this.side = side;
        this.server = server;
        this.channel = channel;
        this.replyTimeout = replyTimeout;
    }

    /** Connects, logs in and sets TYPE I (SIZE is only exact in binary mode; FtpServer starts in ASCII). */
    public static ControlConnection open(Side side, FtpServerAddress server, ConnectionSettings settings) {
        return open(side, server, settings, null);
    }

    /**
     * Connects (with TLS when {@code tls} is not null), logs in, sets the data protection (PBSZ 0 and PROT,
     * RFC 4217 section 9) and TYPE I, then sends the server's SITE commands.
     */
    public static ControlConnection open(Side side, FtpServerAddress server, ConnectionSettings settings, TlsSettings tls) {
        return open(side, server, settings, tls, connection -> { });
    }

    /**
     * {@link #open} that hands the connection to {@code opening} before it connects, so that another thread can
     * {@link #abandon} it while it waits for the server (a pool being closed).
     */
    public static ControlConnection open(Side side, FtpServerAddress server, ConnectionSettings settings, TlsSettings tls,
            Consumer<ControlConnection> opening) {
        CommandChannel channel = new CommandChannel();
        channel.setControlEncoding(StandardCharsets.UTF_8.name());
        channel.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        channel.setDefaultTimeout(Math.toIntExact(settings.replyTimeout().toMillis()));
        if (settings.socketFactory() != null) {
            channel.setSocketFactory(settings.socketFactory());
        }
        ControlConnection connection = new ControlConnection(side, server, channel, settings.replyTimeout());
        opening.accept(connection);
        if (tls != null && tls.implicit()) {
            channel.useImplicitTls(tls.context(), server.host());
        }
        try {
            connection.connect();
            if (tls != null && !tls.implicit()) {
                connection.startTls(tls);
            }
            connection.login();
            if (tls != null) {
                connection.expectPositive(FtpCommand.of("PBSZ", "0"));
                connection.expectPositive(FtpCommand.of("PROT", tls.privateData() ? "P" : "C"));
            }
            connection.expectPositive(FtpCommand.of("TYPE", "I"));
            connection.siteCommands();
            return connection;
        } catch (RuntimeException e) {
            connection.abandon();
            throw e;
        }
    }

    private void connect() {
        try {
            channel.connect(server.host(), server.port());
            peerAddress = channel.getRemoteAddress();
            // Commands are single small writes answered by the server: Nagle would hold each one back
            // waiting for the ACK of the previous one.
            channel.setTcpNoDelay(true);
        } catch (javax.net.ssl.SSLException e) {
            throw new FtpConnectionException(side, null, "TLS handshake with " + server.host() + ":" + server.port()
                    + " failed (is the server's certificate trusted, and issued for " + server.host() + "?)", e);
        } catch (IOException e) {
            throw new FtpConnectionException(side, null, "cannot connect to " + server.host() + ":" + server.port(), e);
        }
        greeting = readReply(null, replyTimeout);
        if (greeting.isPreliminary()) {
            // 120: "service ready in nnn minutes", then the 220 (RFC 959 section 4.2), each within the reply timeout.
            greeting = readReply(null, replyTimeout);
        }
        if (!greeting.isPositive()) {
            throw new FtpReplyException(side, null, greeting);
        }
    }

    private void startTls(TlsSettings tls) {
        FtpCommand auth = FtpCommand.of("AUTH", "TLS");
        FtpReply reply = execute(auth);
        if (reply.code() != 234) {
            throw new FtpReplyException(side, auth, reply);
        }
        try {
            channel.startTls(tls.context(), server.host());
        } catch (IOException e) {
            broken = true;
            throw new FtpConnectionException(side, auth, "TLS handshake failed (is the server's certificate trusted, "
                    + "and issued for " + server.host() + "?)", e);
        }
    }

    /**
     * SSCN ON or OFF, sent only when it changes: with it on, this server is the TLS client on its data
     * connections, which lets two servers protect the data between them (secure FXP).
     */
    public void secureClientNegotiation(boolean on) {
        if (sscnOn != on) {
            expectPositive(FtpCommand.of("SSCN", on ? "ON" : "OFF"));
            sscnOn = on;
        }
    }

    /**
     * USER, then PASS when asked (331), then ACCT when asked (332 to USER or PASS, RFC 959 sections 4.1.1 and 5.4;
     * as commons-net's FTPClient.login(user, password, account)). A refusal names the user, host and port, which
     * the reply seldom does; an account asked for but not configured names the option that gives it.
     */
    private void login() {
        String context = " (logging in as " + server.user() + " at " + server.host() + ":" + server.port() + ")";
        FtpCommand command = FtpCommand.of("USER", server.user());
        FtpReply reply = execute(command);
        if (reply.code() == 331) {
            command = FtpCommand.of("PASS", server.password());
            reply = execute(command);
        }
        if (reply.code() == 332) {
            if (server.account() == null) {
                throw new FtpReplyException(side, command, reply, context + ": the server asks for an account (ACCT); "
                        + "set " + side.label() + "Account");
            }
            command = FtpCommand.of("ACCT", server.account());
            reply = execute(command);
        }
        if (!reply.isPositive()) {
            throw new FtpReplyException(side, command, reply, context);
        }
    }

    /**
     * The SITE commands to send after every login (camel-ftp's siteCommand), each of which must be answered 2yz: a
     * connection whose set-up was refused is not used for a transfer.
     */
    private void siteCommands() {
        for (String argument : server.siteCommands()) {
            FtpCommand site = FtpCommand.of("SITE", argument);
            FtpReply reply = execute(site);
            if (!reply.isPositive()) {
                throw new FtpReplyException(side, site, reply, " (" + side.label() + "SiteCommand, sent after logging in to "
                        + server.host() + ":" + server.port() + ")");
            }
        }
    }

    /** Sends a command and reads its reply, whatever the reply says. */
    public FtpReply execute(FtpCommand command) {
        send(command);
        return readReply(command, replyTimeout);
    }

    /** Sends a command and requires a 2yz reply. */
    public FtpReply expectPositive(FtpCommand command) {
        FtpReply reply = execute(command);
        if (!reply.isPositive()) {
            throw new FtpReplyException(side, command, reply);
        }
        return reply;
    }

    /**
     * Sends several commands in one write, without reading their replies (pipelining, which RFC 959 allows: a
     * server reads and answers commands in order); the caller reads the replies in the same order.
     */
    public void sendAll(List<FtpCommand> commands) {
        StringBuilder lines = new StringBuilder();
        for (FtpCommand command : commands) {
            LOG.debug("{} > {}", side, command);
            lines.append(command.line()).append("\r\n");
        }
        try {
            channel.sendLine(lines.substring(0, lines.length() - 2));
        } catch (IOException e) {
            broken = true;
            throw new FtpConnectionException(side, commands.get(0), "cannot send", e);
        }
        written = true;
        lastUsedNanos = System.nanoTime();
    }

    /**
     * Sends {@code commands} in one write ({@link #sendAll}) and reads their replies, in order, each within the
     * reply timeout.
     */
    public List<FtpReply> executeAll(List<FtpCommand> commands) {
        sendAll(commands);
        List<FtpReply> replies = new java.util.ArrayList<>(commands.size());
        for (FtpCommand command : commands) {
            replies.add(readReply(command, replyTimeout));
        }
        return replies;
    }

    /** Sends a command without reading its reply; the caller reads it with {@link #readReply}. */
    public void send(FtpCommand command) {
        LOG.debug("{} > {}", side, command);
        try {
            channel.sendLine(command.line());
        } catch (IOException e) {
            broken = true;
            throw new FtpConnectionException(side, command, "cannot send", e);
        }
        written = true;
        lastUsedNanos = System.nanoTime();
    }

    /**
     * Reads the next reply to {@code command}.
     *
     * @param command the command answered, or null for the greeting
     * @param timeout how long to wait; zero waits without limit
     */
    public FtpReply readReply(FtpCommand command, Duration timeout) {
        if (written) {
            written = false;
            roundTrips++; // one thread at a time uses a connection; the handover between threads orders the writes
        }
        FtpReply reply;
        try {
            reply = channel.readReply(timeout);
        } catch (SocketTimeoutException e) {
            broken = true;
            throw new FtpConnectionException(side, command, "no complete " + (command == null ? "greeting" : "reply")
                    + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            broken = true;
            throw new FtpConnectionException(side, command, "connection lost", e);
        } catch (ReplyFormatException e) {
            broken = true;
            throw new FtpProtocolException(side, command, null, e.getMessage());
        }
        lastUsedNanos = System.nanoTime();
        LOG.debug("{} < {}", side, reply);
        if (reply.code() == 421) {
            // The server is closing the control connection (RFC 959 section 4.2).
            broken = true;
        }
        if (command != null && !ReplyFit.fits(command, reply)) {
            broken = true;
            throw new OutOfOrderReplyException(side, command, reply);
        }
        return reply;
    }

    /** Sends NOOP; false when the connection turned out dead or the server refused it. */
    public boolean noop() {
        try {
            return execute(FtpCommand.of("NOOP")).isPositive();
        } catch (FtpTransferException e) {
            LOG.debug("{} connection to {} failed its NOOP check: {}", side, server.identity(), e.getMessage());
            return false;
        }
    }

    public Side side() {
        return side;
    }

    /**
     * The round trips on this connection so far: each read of a reply after commands were written counts once, so
     * commands pipelined in one write and read together cost one, as on the wire.
     */
    public long roundTrips() {
        return roundTrips;
    }

    /** How long an ordinary reply may take. */
    public Duration replyTimeout() {
        return replyTimeout;
    }

    /** The server's 220 greeting, which often names the server software. */
    public FtpReply greeting() {
        return greeting;
    }

    public FtpServerAddress server() {
        return server;
    }

    /** The address this connection reaches the server on: EPSV's data address (RFC 2428 section 3). */
    public InetAddress peerAddress() {
        return peerAddress;
    }

    public boolean isIpv6() {
        return peerAddress() instanceof Inet6Address;
    }

    /** Nanos (System.nanoTime) of the last command sent or reply read. */
    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    /**
     * False once a reply was lost, a timeout fired or the connection was aborted mid-transfer: what the
     * server will say next is unknown, so the connection must not be used for another exchange.
     */
    public boolean isReusable() {
        return !broken && channel.isConnected();
    }

    /** Marks the connection as not reusable, e.g. after ABOR left replies unread. */
    public void markBroken() {
        broken = true;
    }

    /** Closes the socket at once; a thread blocked reading a reply gets an error. */
    public void abandon() {
        broken = true;
        try {
            channel.disconnect();
        } catch (IOException e) {
            LOG.debug("{} disconnect failed: {}", side, e.toString());
        }
    }

    /** Says QUIT when the connection is in a known state, then closes it. */
    @Override
    public void close() {
        if (isReusable()) {
            try {
                send(QUIT);
                readReply(QUIT, QUIT_TIMEOUT);
            } catch (FtpTransferException e) {
                LOG.debug("{} QUIT failed: {}", side, e.getMessage());
            }
        }
        abandon();
    }

    @Override
    public String toString() {
        return side.label() + " " + server.identity();
    }
}
