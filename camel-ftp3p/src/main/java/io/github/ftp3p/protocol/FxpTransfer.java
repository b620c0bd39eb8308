package io.github.ftp3p.protocol;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-to-server transfer in one orientation. The steps, in order (RFC 959 section 5.2 and RFC 478):
 * <ol>
 * <li>{@code NEW -> PASSIVE}: PASV (227) or EPSV (229, RFC 2428) to the passive side; the {@link AddressPolicy}
 * decides the data address.</li>
 * <li>{@code PASSIVE -> ACTIVE}: PORT or EPRT with that address to the active side, which must answer 2yz.</li>
 * <li>{@code ACTIVE -> TRANSFERRING}: STOR to the target first, then RETR to the source, in both orientations:
 * the receiver must be ready before data arrives (pyftpdlib as the active receiver drops data that comes before
 * its STOR). With the target passive no reply is awaited in between: vsftpd, ProFTPD and Pure-FTPd answer the
 * passive side only when the data connection arrives, which needs the source's RETR. With the target active,
 * its first reply is awaited: a 1yz once it connected, or a refusal that then costs the source nothing.</li>
 * <li>{@code TRANSFERRING -> DONE | FAILED}: both sides' replies are read on two threads; success needs a 2yz
 * from both. When one side fails, the other is sent ABOR and, if it is a passive side still waiting for its
 * data connection, released by a connection that closes at once; a side that does not answer in time is
 * disconnected.</li>
 * </ol>
 * Every connection that was aborted or lost is marked not reusable.
 */
public final class FxpTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(FxpTransfer.class);
    private static final FtpCommand ABOR = FtpCommand.of("ABOR");
    /** Codes after which the other orientation may work: the data connection, not the file, failed. */
    private static final Set<Integer> DATA_CONNECTION_CODES = Set.of(425, 426, 500, 501, 502, 504);
    private static final Duration UNBLOCK_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private enum State { NEW, PASSIVE, ACTIVE, TRANSFERRING, DONE, FAILED }

    private final ControlConnection source;
    private final ControlConnection target;
    private final Side passiveSide;
    private final TransferOptions options;
    private final Duration replyTimeout;
    private final Duration connectTimeout;
    private final Executor executor;
    private State state = State.NEW;
    /** The passive side's data port, for releasing it. */
    private int dataPort;
    private volatile FtpTransferException abortCause;
    private boolean clientPassive;
    private final Map<Side, Prelude> preludes = new EnumMap<>(Side.class);

    /** Commands sent with the first command to one side, and what checks their replies. */
    private record Prelude(List<FtpCommand> commands, Consumer<List<FtpReply>> check) {
    }

    /**
     * @param connection its reply timeout bounds each ordinary reply and each side's first reply to its transfer
     *                   command; its connect timeout, the data connection to an address announced by the passive
     *                   side that is not its control connection's
     */
    public FxpTransfer(ControlConnection source, ControlConnection target, Side passiveSide, TransferOptions options,
            ConnectionSettings connection, Executor executor) {
        this.source = source;
        this.target = target;
        this.passiveSide = passiveSide;
        this.options = options;
        this.replyTimeout = connection.replyTimeout();
        this.connectTimeout = connection.connectTimeout();
        this.executor = executor;
    }

    /**
     * Sends CPSV instead of PASV (glFTPd): the passive server then acts as the TLS client of the protected data
     * connection, so that two servers without SSCN can still keep the data between them private.
     */
    public FxpTransfer withClientPassive() {
        this.clientPassive = true;
        return this;
    }

    /**
     * Pipelines {@code commands} (the source's SIZE; the target's SIZE and MDTM of the final name) with the first
     * FXP command sent to {@code side}, saving a round trip; their replies go to {@code check} before anything is
     * sent that could write on the target, and a check that throws ends the transfer with that failure.
     */
    public FxpTransfer withPrelude(Side side, List<FtpCommand> commands, Consumer<List<FtpReply>> check) {
        preludes.put(side, new Prelude(List.copyOf(commands), check));
        return this;
    }

    /**
     * Copies {@code sourcePath} on the source to the target with {@code stor} (STOR, or APPE to append),
     * starting at byte {@code restartAt} of both files (REST, RFC 3659 section 5) when it is not zero.
     * Runs once.
     */
    public TransferOutcome run(String sourcePath, FtpCommand stor, long restartAt) {
        expect(State.NEW);
        FtpCommand retr = FtpCommand.of("RETR", Arguments.requireSafeName("source path", sourcePath));
        ControlConnection passive = passiveSide == Side.SOURCE ? source : target;
        ControlConnection active = passiveSide == Side.SOURCE ? target : source;
        boolean extended = options.extendedMode().useExtended(passive, active);

        PassiveAddress address;
        FtpCommand port;
        try {
            FtpCommand pasv = FtpCommand.of(clientPassive ? "CPSV" : extended ? "EPSV" : "PASV");
            address = openPassive(passive, pasv, executeOn(passive, pasv), options);
            dataPort = address.port();
            state = State.PASSIVE;
            port = extended ? FtpCommand.of("EPRT", address.eprtArgument()) : portCommand(address, active);
            FtpReply reply = executeOn(active, port);
            if (!reply.isPositive()) {
                return fail(new FtpReplyException(active.side(), port, reply), true, false);
            }
            state = State.ACTIVE;
            if (restartAt > 0) {
                // REST must come right before the transfer command on each side (RFC 959 section 4.1.3).
                restart(passive, restartAt);
                restart(active, restartAt);
            }
        } catch (PreludeFailure e) {
            return fail(e.failure, false, false);
        } catch (FtpReplyException | DataAddressException e) {
            // Refused by one side, or an address unusable in this orientation: the other may work.
            return fail(e, true, false);
        } catch (FtpTransferException e) {
            return fail(e, false, false);
        }

        TransferLeg sourceLeg = new TransferLeg(source, retr);
        TransferLeg targetLeg = new TransferLeg(target, stor);
        // The receiver first, in both orientations (RFC 478: once PASV is answered either order will do):
        // pyftpdlib as the active receiver connects at PORT and drops the data connection if bytes arrive before
        // its STOR, and a STOR refused outright then costs the sender nothing.
        try {
            target.send(stor);
        } catch (FtpTransferException e) {
            return fail(e, false, false);
        }
        state = State.TRANSFERRING;
        CompletableFuture<TransferLeg> targetDone = awaitAsync(targetLeg);
        if (passive == source) {
            // An active receiver answers STOR once it connected to the sender (a 1yz; Apache FtpServer at once),
            // or refuses it: the sender is told to send only then. No deadlock: the sender's listening socket
            // accepts the connection before RETR. Bounded by the target's reply timeout.
            targetLeg.answered().join();
            if (!targetLeg.started()) {
                targetDone.join();
                if (!targetLeg.succeeded()) {
                    return finish(targetLeg, targetLeg.failure(), null, targetLeg.last());
                }
            }
        }
        try {
            source.send(retr);
        } catch (FtpTransferException e) {
            abort(targetLeg, targetDone, null);
            return finish(targetLeg, e, null, targetLeg.last());
        }
        CompletableFuture<TransferLeg> sourceDone = awaitAsync(sourceLeg);
        if (!address.address().equals(passive.peerAddress())) {
            awaitDataConnection(sourceLeg, targetLeg, address, active, port);
        }

        TransferLeg first = (TransferLeg) CompletableFuture.anyOf(targetDone, sourceDone).join();
        TransferLeg second = first == targetLeg ? sourceLeg : targetLeg;
        CompletableFuture<TransferLeg> secondDone = first == targetLeg ? sourceDone : targetDone;
        if (first.succeeded()) {
            secondDone.join();
        } else {
            abort(second, secondDone, first);
        }
        if (sourceLeg.succeeded() && targetLeg.succeeded() && abortCause == null) {
            state = State.DONE;
            return new TransferOutcome(passiveSide, sourceLeg.last(), targetLeg.last(), null, false, false);
        }
        return finish(targetLeg, cause(sourceLeg, targetLeg, first), sourceLeg.last(), targetLeg.last());
    }

    /**
     * Which side's failure is the transfer's, in protocol order rather than by which reply thread finished first:
     * the target's STOR goes out first, so a STOR refused outright (553 name, 552 quota) is the cause of whatever
     * the source then saw (a 425 or 426, its data connection refused or closed); then a RETR refused outright
     * (550 gone). After both began, a side that refused the file itself (a source that found its file gone
     * closes the data connection, and the target's 426 can arrive first) is blamed over the other side's broken
     * data connection. When both saw the data connection break (425/426 on each side), the target's reply is the
     * one given, whichever came in first: a race between two echoes of one break must not decide which side the
     * error names (the target's is the one about the file that matters). Else the side that failed first.
     */
    private static FtpTransferException cause(TransferLeg source, TransferLeg target, TransferLeg first) {
        for (TransferLeg leg : List.of(target, source)) {
            if (leg.refusedOutright()) {
                return leg.failure();
            }
        }
        for (TransferLeg leg : List.of(target, source)) {
            if (leg.refusedFile()) {
                return leg.failure();
            }
        }
        if (TransferLeg.dataConnectionBroke(source.failure()) && TransferLeg.dataConnectionBroke(target.failure())) {
            return target.failure();
        }
        return first.succeeded() ? (first == source ? target : source).failure() : first.failure();
    }

    /**
     * With passiveAddress=reply (or a fixed address) the active side is handed an address this host did not
     * check: where nothing listens there, servers try for their own connect timeout (30 s and more) and then
     * give a 425 that names neither the option nor the address. Both sides answer their transfer command with a
     * 1yz once the data connection is up (Apache FtpServer at once), so both must within connectTimeout, or the
     * transfer is aborted naming the option and the address. This host never connects to that address itself.
     */
    private void awaitDataConnection(TransferLeg sourceLeg, TransferLeg targetLeg, PassiveAddress address,
            ControlConnection active, FtpCommand port) {
        try {
            CompletableFuture.allOf(sourceLeg.answered(), targetLeg.answered())
                    .get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Side passive = active.side() == Side.SOURCE ? Side.TARGET : Side.SOURCE;
            abort(new DataAddressException(active.side(), port, "no data connection to " + address + ", the address the "
                    + passive.label() + " server announced (passiveAddress=" + options.addressPolicy() + "), within "
                    + "connectTimeout (" + connectTimeout.toMillis() + " ms): is that address reachable from the "
                    + active.side().label() + " server? passiveAddress=peer uses the address of its control connection"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // A leg's future completes normally, its failure kept in the leg.
        }
    }

    /**
     * Ends a running transfer from another thread (a stall, a timeout): both control connections are closed,
     * which ends both servers' transfer commands, and {@link #run} returns {@code cause} as its failure.
     */
    public void abort(FtpTransferException cause) {
        abortCause = cause;
        source.abandon();
        target.abandon();
    }

    static void restart(ControlConnection connection, long offset) {
        FtpCommand rest = FtpCommand.of("REST", Long.toString(offset));
        FtpReply reply = connection.execute(rest);
        if (reply.code() != 350) {
            throw new FtpReplyException(connection.side(), rest, reply);
        }
    }

    /** PORT carries only an IPv4 address: an IPv6 data address needs EPRT (RFC 2428), so say which option. */
    public static FtpCommand portCommand(PassiveAddress address, ControlConnection active) {
        if (!(address.address() instanceof Inet4Address)) {
            throw new DataAddressException(active.side(), FtpCommand.of("PORT"), "the data address " + address
                    + " is IPv6, which PORT cannot carry: use epsv=auto or epsv=always");
        }
        return FtpCommand.of("PORT", address.portArgument());
    }

    /**
     * Sends {@code command} and reads its reply; a prelude for that side goes out in the same write, and its
     * replies, read first, are checked.
     */
    private FtpReply executeOn(ControlConnection connection, FtpCommand command) {
        Prelude prelude = preludes.remove(connection.side());
        if (prelude == null) {
            return connection.execute(command);
        }
        List<FtpCommand> all = new ArrayList<>(prelude.commands());
        all.add(command);
        List<FtpReply> replies = new ArrayList<>(connection.executeAll(all));
        FtpReply reply = replies.remove(replies.size() - 1);
        try {
            prelude.check().accept(replies);
        } catch (FtpTransferException e) {
            throw new PreludeFailure(e);
        }
        return reply;
    }

    /** A failed prelude check: not a refusal of this orientation, so no other one is tried. */
    private static final class PreludeFailure extends RuntimeException {

        private final FtpTransferException failure;

        PreludeFailure(FtpTransferException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /** PASV or EPSV to {@code passive}, and the data address to use. */
    static PassiveAddress openPassive(ControlConnection passive, boolean extended, TransferOptions options) {
        FtpCommand command = FtpCommand.of(extended ? "EPSV" : "PASV");
        return openPassive(passive, command, passive.execute(command), options);
    }

    /**
     * The data address to use after {@code reply} to PASV or EPSV: the {@link AddressPolicy}'s choice, which
     * must pass the {@link DataNetworks} checks.
     */
    public static PassiveAddress openPassive(ControlConnection passive, FtpCommand command, FtpReply reply,
            TransferOptions options) {
        boolean extended = command.verb().equals("EPSV");
        if (reply.code() != (extended ? 229 : 227)) {
            throw new FtpReplyException(passive.side(), command, reply);
        }
        PassiveAddress chosen;
        try {
            if (extended) {
                chosen = new PassiveAddress(passive.peerAddress(), PassiveAddress.parse229Port(reply.text()));
            } else {
                PassiveAddress announced = PassiveAddress.parse227(reply.text());
                chosen = options.addressPolicy().choose(announced, passive.peerAddress());
                if (!announced.address().equals(passive.peerAddress())) {
                    LOG.warn("The {} server announced data address {} in '{}', but its control connection is to {}; "
                            + "using {} (passiveAddress={})", passive.side().label(), announced, reply.text(),
                            passive.peerAddress().getHostAddress(), chosen, options.addressPolicy());
                }
            }
        } catch (ReplyFormatException e) {
            passive.markBroken();
            throw new FtpProtocolException(passive.side(), command, reply, e.getMessage());
        }
        String refusal = options.dataNetworks().refusal(chosen);
        if (refusal != null) {
            throw new DataAddressException(passive.side(), command, "refusing to hand the data address " + chosen
                    + " from '" + reply.text() + "' to the other server: " + refusal);
        }
        return chosen;
    }

    private CompletableFuture<TransferLeg> awaitAsync(TransferLeg leg) {
        return CompletableFuture.supplyAsync(() -> leg.await(replyTimeout, options.transferTimeout()), executor);
    }

    /**
     * Ends the other side's transfer after one side failed. ABOR is the standard way (RFC 959 section 4.1.3),
     * but a passive server blocked in accept() does not read it (Apache FtpServer handles one command at a
     * time): a data connection that closes at once ends its transfer command (an empty STOR, or a RETR
     * broken off), and a target file it left is removed by the caller. A side that still has not answered
     * after the reply timeout is disconnected; so is, at once, a source whose target refused the file (its
     * reply would not change the cause): it only reads, and vsftpd reads no ABOR while it sends, which cost a
     * refused STOR the whole reply timeout. A source whose data connection merely broke is asked, as its reply
     * may say why (550: the file went away).
     *
     * @param failed the leg whose failure this abort follows, or null
     */
    private void abort(TransferLeg leg, CompletableFuture<TransferLeg> done, TransferLeg failed) {
        if (done.isDone()) {
            return;
        }
        ControlConnection connection = leg.connection();
        // Replies to the transfer command and to ABOR may still be in flight: this connection's state is unknown.
        connection.markBroken();
        if (leg.side() == Side.SOURCE && failed != null && failed.refusedFile()) {
            if (leg.side() == passiveSide) {
                releasePassiveListener(connection, dataPort);
            }
            connection.abandon();
            done.join();
            return;
        }
        try {
            connection.send(ABOR);
        } catch (FtpTransferException e) {
            LOG.debug("ABOR to the {} server failed: {}", leg.side().label(), e.getMessage());
        }
        if (leg.side() == passiveSide) {
            // Even after a 1yz: Apache FtpServer sends 150 before it accepts the data connection.
            releasePassiveListener(connection, dataPort);
        }
        try {
            done.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("The {} server did not answer ABOR within {} ms; disconnecting", leg.side().label(), replyTimeout.toMillis());
            connection.abandon();
            done.join();
        } catch (Exception e) {
            connection.abandon();
        }
    }

    /**
     * Connects to a passive server's data port and closes at once: a passive server waiting for its data
     * connection then ends its transfer command (an empty STOR), where it would not read ABOR. The address is
     * that of the server's control connection, never the one a reply announced: that may be anybody's.
     */
    public static void releasePassiveListener(ControlConnection passive, int port) {
        InetSocketAddress address = new InetSocketAddress(passive.peerAddress(), port);
        try (Socket socket = new Socket()) {
            socket.connect(address, Math.toIntExact(UNBLOCK_CONNECT_TIMEOUT.toMillis()));
        } catch (IOException e) {
            LOG.debug("Could not reach the passive data port {}: {}", address, e.toString());
        }
    }

    private TransferOutcome finish(TransferLeg targetLeg, FtpTransferException failure) {
        return finish(targetLeg, failure, null, targetLeg == null ? null : targetLeg.last());
    }

    /**
     * A failure once STOR was sent. The target may have created or truncated the file when it started the
     * transfer (1yz), broke it off (425/426/451) or was aborted; a STOR refused outright (550, 553, 452...)
     * left it alone.
     */
    private TransferOutcome finish(TransferLeg targetLeg, FtpTransferException failure, FtpReply sourceReply,
            FtpReply targetReply) {
        boolean touched = targetLeg != null && (targetLeg.started() || targetLeg.failure() == null
                || !(targetLeg.failure() instanceof FtpReplyException)
                || Set.of(425, 426, 451).contains(targetLeg.failure().replyCode())
                || !targetLeg.connection().isReusable());
        FtpTransferException cause = abortCause != null ? abortCause : failure;
        boolean dataConnection = cause instanceof FtpReplyException && DATA_CONNECTION_CODES.contains(cause.replyCode());
        state = State.FAILED;
        return new TransferOutcome(passiveSide, sourceReply, targetReply, cause, dataConnection, touched);
    }

    private TransferOutcome fail(FtpTransferException failure, boolean orientationRefused, boolean targetTouched) {
        state = State.FAILED;
        // An abort from another thread closed the connections under this step: its cause is the failure.
        FtpTransferException cause = abortCause != null ? abortCause : failure;
        return new TransferOutcome(passiveSide, null, null, cause, orientationRefused && abortCause == null, targetTouched);
    }

    private void expect(State expected) {
        if (state != expected) {
            throw new IllegalStateException("Transfer is " + state + ", expected " + expected);
        }
    }
}
