package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.ftp3p.protocol.CommandPipeline;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.FxpTransfer;
import io.github.ftp3p.protocol.PassiveAddress;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.ServerSoftware;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TransferProgress;
import io.github.ftp3p.protocol.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many files over one pair of connections with the target passive, pipelined across files so that each
 * file costs about one round trip, with the safety of {@link TransferJob} kept. Each round writes once to
 * each server, the commands on the critical path first:
 * <ul>
 * <li>to the target: PASV of the next file, SIZE of the file being copied (its verification), RNFR/RNTO of a
 * file verified earlier, then STOR of the next file. They wait behind the running STOR (RFC 959 section 4.2: a
 * server answers commands in turn), so the next PASV is answered as soon as that STOR ended;</li>
 * <li>to the source: PORT and RETR of the file being copied, SIZE a few files ahead, and the action (DELE, or
 * RNFR/RNTO) of a file renamed earlier.</li>
 * </ul>
 * Each side is then read up to the reply the next round needs (RETR's, PASV's); later replies are read in that
 * round. So a STOR is only sent for a file the source said exists, a file is renamed to its final name only
 * after its size matched, and a source is only changed after the rename succeeded. Servers that answer
 * commands during a transfer out of turn are written nothing while one runs ({@link CommandPipeline}).
 * <p>
 * The batch stops at its first failure: files after it get no new command, a passive STOR left waiting is
 * released (a connection that closes at once) and what it wrote removed, and the files before it are
 * finished. A lost connection ends the batch at once; what was written is then removed over a new one.
 */
final class PipelinedBatch {

    private static final Logger LOG = LoggerFactory.getLogger(PipelinedBatch.class);
    /**
     * SIZE is asked this many files ahead of the last STOR, so that its answer, read a round after it came, is in
     * before that file's STOR is due.
     */
    private static final int SIZE_LOOKAHEAD = 3;
    /**
     * Each side's reply the next round depends on: a side is read up to it, and its later replies in that round,
     * so the next PORT and RETR need not wait for the replies to renames and SIZEs.
     */
    private static final Set<String> SOURCE_NEEDS = Set.of("RETR");
    private static final Set<String> TARGET_NEEDS = Set.of("PASV", "EPSV");

    private enum Stage { WAITING, SIZING, SIZED, STORED, ADDRESSED, SENT, VERIFIED, RENAMING, RENAMED, FINISHING, DONE }

    private final FxpClient client;
    private final FxpSettings settings;
    private final FxpClient.Lease lease;
    private final boolean verifySize;
    private final List<Item> items = new ArrayList<>();
    private CommandPipeline source;
    private CommandPipeline target;
    /** Files from this index on get no new transfer: the batch is stopping. */
    private int limit;
    /** The first file not done yet. */
    private int first;
    /** The last file sent PASV, or -1. */
    private int lastStored = -1;
    private Item failed;
    private FtpTransferException failure;

    /**
     * @param verifySize verify each copy by the target's SIZE; false only for copies that keep the source with
     *                   verify=none
     */
    PipelinedBatch(FxpClient client, FxpClient.Lease lease, List<TransferRequest> requests, boolean verifySize) {
        this.client = client;
        this.settings = client.settings;
        this.lease = lease;
        this.verifySize = verifySize;
        for (TransferRequest request : requests) {
            items.add(new Item(items.size(), request));
        }
        this.limit = items.size();
    }

    /**
     * Whether the files after {@code probe}, the batch's first file copied on its own, can be pipelined: the
     * probe showed the target can be passive and both servers answer SIZE, and no option needs a step this
     * batch does not pipeline (deciding on an existing target, checksums, times, TLS-protected data).
     */
    static boolean suits(FxpSettings settings, TransferResult probe) {
        return settings.transfer().pipelining()
                && settings.fileExist() == FileExist.OVERRIDE
                && !settings.preserveLastModified()
                && !privateData(settings, Side.SOURCE) && !privateData(settings, Side.TARGET)
                && "fxp".equals(probe.mode())
                && probe.passiveSide() == Side.TARGET
                && probe.size() >= 0
                && ("size".equals(probe.verifiedBy()) || "none".equals(probe.verifiedBy()));
    }

    private static boolean privateData(FxpSettings settings, Side side) {
        return settings.tls(side) != null && settings.tls(side).privateData();
    }

    BatchResult run() {
        try {
            if (settings.autoCreate()) {
                items.forEach(item -> client.ensureTargetDirectory(lease.target(), Paths.parent(item.targetPath)));
            }
            source = pipeline(lease.source());
            target = pipeline(lease.target());
            while (true) {
                plan();
                int moved = source.flush() + target.flush();
                if (source.isIdle() && target.isIdle()) {
                    break;
                }
                moved += source.readDue(SOURCE_NEEDS) + target.readDue(TARGET_NEEDS);
                if (moved == 0) {
                    throw new IllegalStateException("pipelined batch stalled: no command to send, no reply due");
                }
            }
        } catch (FtpTransferException e) {
            salvage(e);
        } catch (RuntimeException e) {
            giveUpConnections();
            throw e;
        }
        List<TransferResult> results = new ArrayList<>();
        for (Item item : items) {
            if (item.stage != Stage.DONE || item.index >= limit) {
                break;
            }
            results.add(item.result);
        }
        return new BatchResult(results, failure);
    }

    private CommandPipeline pipeline(ControlConnection connection) {
        boolean queues = ServerSoftware.fromGreeting(connection.greeting()).queuesCommandsDuringTransfers();
        return new CommandPipeline(connection, settings.transfer().transferTimeout(), !queues);
    }

    /**
     * Queues this round's commands, those on the critical path first. To the target: the next file's PASV, which
     * it answers as soon as the running STOR ended, so that the source can be sent its PORT and RETR at once; then
     * the SIZE verifying the file being copied, the rename of the one verified before, and the next STOR. To the
     * source: PORT and RETR first, then the SIZEs ahead and the source actions; for a server that reads nothing
     * during a transfer, which would hold them back a round, the SIZEs and actions go first.
     */
    private void plan() {
        List<Item> window = window();
        boolean stored = window.stream().anyMatch(item -> item.index < limit && item.stage == Stage.STORED);
        Item next = stored ? null : window.stream().filter(item -> item.index < limit && item.stage == Stage.SIZED)
                .findFirst().orElse(null);
        List<Item> ready = window.stream().filter(item -> item.index < limit && item.stage == Stage.ADDRESSED).toList();
        boolean retrieveFirst = !source.holdsDuringTransfers();
        if (retrieveFirst) {
            ready.forEach(this::retrieve);
        }
        askSizes(window, next);
        window.stream().filter(item -> item.index < limit && item.stage == Stage.RENAMED).forEach(this::finish);
        if (!retrieveFirst) {
            ready.forEach(this::retrieve);
        }
        boolean storing = next != null && next.index < limit;
        if (storing) {
            passive(next);
        }
        if (verifySize) {
            ready.stream().filter(item -> item.stage == Stage.SENT).forEach(this::verifySize);
        }
        window.stream().filter(item -> item.index < limit && item.stage == Stage.VERIFIED).forEach(this::rename);
        if (storing) {
            store(next);
        }
        window.stream().filter(item -> item.index >= limit).forEach(this::stop);
    }

    /**
     * The files a round can act on: from the first one not done to the last one SIZE may be asked for. Before it
     * all are done, after it none was touched; so a round's work does not grow with the length of the batch.
     */
    private List<Item> window() {
        while (first < items.size() && items.get(first).stage == Stage.DONE) {
            first++;
        }
        return items.subList(first, Math.min(items.size(), Math.max(first, lastStored + 2 + SIZE_LOOKAHEAD)));
    }

    /** SIZE on the source up to {@link #SIZE_LOOKAHEAD} files after the last one stored. */
    private void askSizes(List<Item> window, Item next) {
        int stored = next == null ? lastStored : Math.max(lastStored, next.index);
        for (Item item : window) {
            if (item.index < limit && item.index <= stored + SIZE_LOOKAHEAD && item.stage == Stage.WAITING) {
                FtpCommand size = FtpCommand.of("SIZE", item.sourcePath);
                source.add(size, (reply, started) -> sized(item, size, reply));
                item.stage = Stage.SIZING;
            }
        }
    }

    private void sized(Item item, FtpCommand size, FtpReply reply) {
        if (reply.code() != 213 || reply.sizeValue() < 0) {
            fail(item, new FtpReplyException(Side.SOURCE, size, reply));
            return;
        }
        item.size = reply.sizeValue();
        item.stage = Stage.SIZED;
    }

    /** PASV (or EPSV) to the target, for the next file. */
    private void passive(Item item) {
        boolean extended = settings.transfer().extendedMode().useExtended(target.connection(), source.connection());
        item.extended = extended;
        FtpCommand pasv = FtpCommand.of(extended ? "EPSV" : "PASV");
        target.add(pasv, (reply, started) -> addressed(item, pasv, reply));
        item.stage = Stage.STORED;
        lastStored = item.index;
    }

    /** STOR to the target, after its PASV: it answers once the source connected to it. */
    private void store(Item item) {
        FtpCommand stor = FtpCommand.of("STOR", item.writePath);
        target.add(stor, (reply, started) -> stored(item, stor, reply, started), () -> item.storDue);
        item.storSent = true;
        item.started = System.nanoTime();
        item.request.listener().started(item.sourcePath, item.targetPath, item.size);
    }

    private void addressed(Item item, FtpCommand pasv, FtpReply reply) {
        try {
            item.address = FxpTransfer.openPassive(target.connection(), pasv, reply, settings.transfer());
            if (item.stage == Stage.STORED) {
                item.stage = Stage.ADDRESSED;
            }
        } catch (FtpReplyException e) {
            // No data address: the STOR behind it fails at once (425 or 503).
            item.storDue = true;
            fail(item, e);
        } catch (FtpTransferException e) {
            // An address this host will not hand on, nor connect to: the STOR waits until the connection is dropped.
            fail(item, e);
            throw e;
        }
    }

    /** PORT (or EPRT) and RETR to the source. */
    private void retrieve(Item item) {
        FtpCommand port;
        try {
            port = item.extended ? FtpCommand.of("EPRT", item.address.eprtArgument())
                    : FxpTransfer.portCommand(item.address, source.connection());
        } catch (FtpTransferException e) {
            fail(item, e);
            stop(item);
            return;
        }
        FtpCommand retr = FtpCommand.of("RETR", item.sourcePath);
        source.add(port, (reply, started) -> {
            if (!reply.isPositive()) {
                fail(item, new FtpReplyException(Side.SOURCE, port, reply));
            }
        });
        source.add(retr, (reply, started) -> retrieved(item, retr, reply));
        item.storDue = true;
        item.stage = Stage.SENT;
    }

    /** SIZE of the written file on the target, answered once its STOR ended. */
    private void verifySize(Item item) {
        FtpCommand size = FtpCommand.of("SIZE", item.writePath);
        target.add(size, (reply, started) -> verified(item, size, reply));
    }

    private void retrieved(Item item, FtpCommand retr, FtpReply reply) {
        item.sourceReply = reply;
        if (!reply.isPositive()) {
            fail(item, new FtpReplyException(Side.SOURCE, retr, reply));
            if (item.targetReply == null) {
                // The target may still wait for a data connection that will not come.
                FxpTransfer.releasePassiveListener(item.address);
            }
            return;
        }
        checkVerified(item);
    }

    private void stored(Item item, FtpCommand stor, FtpReply reply, boolean started) {
        item.targetReply = reply;
        item.touched = started || reply.isPositive() || reply.code() == 425 || reply.code() == 426 || reply.code() == 451;
        if (!reply.isPositive()) {
            fail(item, new FtpReplyException(Side.TARGET, stor, reply));
            return;
        }
        checkVerified(item);
    }

    private void verified(Item item, FtpCommand size, FtpReply reply) {
        long written = reply.code() == 213 ? reply.sizeValue() : -1;
        if (item.stage != Stage.SENT) {
            return;
        }
        if (written != item.size) {
            fail(item, new VerificationException(size, "The copy of " + item.sourcePath + " to " + item.targetPath
                    + " does not match: the source has " + item.size + " bytes, the target "
                    + (written < 0 ? "answered '" + reply + "'" : written) + "; the target copy was removed, "
                    + "and the source was kept"));
            return;
        }
        item.sizeMatched = true;
        checkVerified(item);
    }

    private void checkVerified(Item item) {
        if (item.stage == Stage.SENT && item.sourceReply != null && item.sourceReply.isPositive()
                && item.targetReply != null && item.targetReply.isPositive() && (item.sizeMatched || !verifySize)) {
            item.stage = item.writePath.equals(item.targetPath) ? Stage.RENAMED : Stage.VERIFIED;
        }
    }

    /**
     * RNFR/RNTO of the verified temporary file. A server that refuses to rename onto an existing file (Apache
     * FtpServer: 553) gets DELE of the final name first, from then on for this client.
     */
    private void rename(Item item) {
        FtpCommand rnfr = FtpCommand.of("RNFR", item.writePath);
        FtpCommand rnto = FtpCommand.of("RNTO", item.targetPath);
        boolean deleteFirst = client.renameNeedsDelete();
        if (deleteFirst) {
            target.add(FtpCommand.of("DELE", item.targetPath), (reply, started) -> { });
        }
        target.add(rnfr, (reply, started) -> {
            if (reply.code() != 350) {
                fail(item, new FtpReplyException(Side.TARGET, rnfr, reply));
            }
        });
        target.add(rnto, (reply, started) -> {
            if (item.stage != Stage.RENAMING) {
                return;
            }
            if (reply.isPositive()) {
                item.stage = Stage.RENAMED;
            } else if (reply.code() >= 500 && !deleteFirst) {
                LOG.debug("The target server refused to rename onto {} ({}); deleting it first", item.targetPath, reply);
                client.renameRefusedOntoExisting();
                item.stage = Stage.VERIFIED;
            } else {
                fail(item, new FtpReplyException(Side.TARGET, rnto, reply));
            }
        });
        item.stage = Stage.RENAMING;
    }

    /** The source action, now that the final copy is in place. */
    private void finish(Item item) {
        TransferRequest request = item.request;
        switch (request.sourceAction()) {
            case DELETE -> {
                FtpCommand dele = FtpCommand.of("DELE", item.sourcePath);
                source.add(dele, (reply, started) -> finished(item, dele, reply));
                item.stage = Stage.FINISHING;
            }
            case MOVE -> {
                FtpCommand rnfr = FtpCommand.of("RNFR", item.sourcePath);
                FtpCommand rnto = FtpCommand.of("RNTO", client.source.resolve(request.sourceMoveTo()));
                source.add(rnfr, (reply, started) -> {
                    if (reply.code() != 350) {
                        fail(item, new FtpReplyException(Side.SOURCE, rnfr, reply));
                    }
                });
                source.add(rnto, (reply, started) -> finished(item, rnto, reply));
                item.stage = Stage.FINISHING;
            }
            default -> done(item);
        }
    }

    private void finished(Item item, FtpCommand command, FtpReply reply) {
        if (item.stage != Stage.FINISHING) {
            return;
        }
        if (!reply.isPositive()) {
            fail(item, new FtpReplyException(Side.SOURCE, command, reply));
            return;
        }
        done(item);
    }

    private void done(Item item) {
        item.stage = Stage.DONE;
        item.result = new TransferResult(item.sourcePath, item.targetPath, item.size, Side.TARGET, item.sourceReply,
                item.targetReply, Duration.ofNanos(System.nanoTime() - item.started), verifySize ? "size" : "none",
                item.request.sourceAction(), false, 0, "fxp");
        client.recordCompleted(item.result);
        item.request.listener().finished(new TransferProgress(item.targetPath, item.size, item.size,
                item.result.duration()));
    }

    /**
     * For a file the batch stops at or after: a STOR still waiting for its data connection is released, and
     * once it answered, what it wrote is removed (never a final name that held a file before unless this STOR
     * wrote it).
     */
    private void stop(Item item) {
        if (item.storSent && !item.storDue && item.address != null) {
            FxpTransfer.releasePassiveListener(item.address);
            item.storDue = true;
        }
        if (item.storSent && item.targetReply != null && !item.cleaned && item.stage.compareTo(Stage.RENAMED) < 0
                && (item.touched || !item.writePath.equals(item.targetPath))) {
            item.cleaned = true;
            FtpCommand dele = FtpCommand.of("DELE", item.writePath);
            target.add(dele, (reply, started) -> LOG.debug("Removed {}: {}", item.writePath, reply));
        }
    }

    private void fail(Item item, FtpTransferException e) {
        if (failed == null || item.index < failed.index) {
            if (failed != null) {
                LOG.debug("Batch failure at {} follows an earlier file's: {}", failed.sourcePath, failure.getMessage());
            }
            failed = item;
            failure = e;
        } else {
            LOG.debug("{} also failed while the batch stopped: {}", item.sourcePath, e.getMessage());
        }
        limit = Math.min(limit, item.index);
    }

    /**
     * A connection was lost or a reply did not come: the replies still awaited on both connections are
     * unknown, so both are given up, and what the unfinished files wrote is removed over a new connection.
     */
    private void salvage(FtpTransferException e) {
        Item first = items.stream().filter(item -> item.stage != Stage.DONE && item.stage != Stage.WAITING)
                .findFirst().orElse(items.get(0));
        fail(first, e);
        giveUpConnections();
        for (Item item : items) {
            if (item.storSent && item.stage.compareTo(Stage.RENAMED) < 0) {
                try {
                    ControlConnection connection = lease.target();
                    FtpReply reply = connection.execute(FtpCommand.of("DELE", item.writePath));
                    LOG.debug("Removed {}: {}", item.writePath, reply);
                } catch (FtpTransferException cleanup) {
                    LOG.warn("Could not remove the partial target file {} on {}: {}", item.writePath, client.target,
                            cleanup.getMessage());
                }
            }
        }
    }

    /** Replies may still be in flight on both connections: neither may be used again. */
    private void giveUpConnections() {
        if (source != null) {
            source.connection().markBroken();
            target.connection().markBroken();
        }
    }

    /** One file of the batch and how far it got. */
    private final class Item {

        final int index;
        final TransferRequest request;
        final String sourcePath;
        final String targetPath;
        final String writePath;
        Stage stage = Stage.WAITING;
        long size = -1;
        long started;
        boolean extended;
        PassiveAddress address;
        boolean storSent;
        /** The STOR's reply can come: the RETR went out, or its data connection was released. */
        boolean storDue;
        /** The STOR may have created or truncated its file. */
        boolean touched;
        boolean sizeMatched;
        boolean cleaned;
        FtpReply sourceReply;
        FtpReply targetReply;
        TransferResult result;

        Item(int index, TransferRequest request) {
            this.index = index;
            this.request = request;
            this.sourcePath = client.source.resolve(request.sourceName());
            this.targetPath = client.target.resolve(request.targetName());
            this.writePath = settings.tempPrefix() == null ? targetPath
                    : Paths.join(Paths.parent(targetPath), settings.tempPrefix() + Paths.name(targetPath));
        }
    }
}
