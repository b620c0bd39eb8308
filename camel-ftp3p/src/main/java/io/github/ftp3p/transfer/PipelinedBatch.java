package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import io.github.ftp3p.protocol.CommandPipeline;
import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.FxpTransfer;
import io.github.ftp3p.protocol.PassiveAddress;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TransferProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many files over one pair of connections with the target passive, pipelined across files so that each
 * file costs about one round trip. Each file's steps and rules are its {@link FileCopy}'s, as for a single
 * transfer; this class only decides when each command is written. Each round writes once to each server, the
 * commands on the critical path first:
 * <ul>
 * <li>to the target: PASV of the next file, SIZE of the file being copied (its verification), RNFR/RNTO of a
 * file verified earlier (and, after a refused RNTO, what {@link FileCopy#checked} asks), then SIZE and MDTM of the
 * next file's final name and its STOR. They wait behind the running STOR (RFC 959 section 4.2: a
 * server answers commands in turn), so the next PASV is answered as soon as that STOR ended;</li>
 * <li>to the source: PORT and RETR of the file being copied, SIZE a few files ahead, and the action (DELE, or
 * RNFR/RNTO) of a file renamed earlier.</li>
 * </ul>
 * A sync's files come with what its listings showed ({@link TransferRequest.Listed}): then the source's SIZE and the
 * final name's SIZE and MDTM are not asked.
 * Each side is then read up to the reply the next round needs (RETR's, PASV's); later replies are read in that
 * round. So a STOR is only sent for a file the source said exists, a file is renamed to its final name only
 * after its size matched, and a source is only changed after the rename succeeded. Servers that answer
 * commands during a transfer out of turn are written nothing while one runs ({@link CommandPipeline}).
 * <p>
 * The batch stops at its first failure: files after it get no new command, a passive STOR left waiting is
 * released (a connection that closes at once) and what it wrote removed, and the files before it are
 * finished; so is a file after it already renamed into place (only its source action was left), which the
 * result lists apart ({@link BatchResult#finishedAfter}). A lost connection ends the batch at once; what was written is then removed over a new one.
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

    private enum Stage {
        WAITING, SIZING, SIZED, STORED, ADDRESSED, SENT, VERIFIED, RENAMING, CHECK, CHECKING, REPLACE, RENAMED,
        FINISHING, DONE
    }

    private final FxpClient client;
    private final FxpSettings settings;
    private final FxpClient.Lease lease;
    private final boolean verifySize;
    private final String attempt;
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
    /** The file whose STOR runs now, watched for stalls; null between files. */
    private final AtomicReference<ProgressMonitor.Watch> writing = new AtomicReference<>();
    private volatile FtpTransferException stall;

    /**
     * @param verifySize verify each copy by the target's SIZE; false only for copies that keep the source with
     *                   verify=none
     */
    PipelinedBatch(FxpClient client, FxpClient.Lease lease, List<TransferRequest> requests, String attempt,
            boolean verifySize) {
        this.client = client;
        this.settings = client.settings;
        this.lease = lease;
        this.attempt = attempt;
        this.verifySize = verifySize;
        for (TransferRequest request : requests) {
            items.add(new Item(items.size(), request));
        }
        this.limit = items.size();
    }

    /**
     * Whether the files after {@code probe}, the batch's first file copied on its own, can be pipelined: the
     * probe showed the target can be passive and both servers answer SIZE, both answer pipelined commands in order
     * (as far as is known), and no option needs a step this
     * batch does not pipeline (deciding on an existing target, checksums, times, chmod and done files, TLS-protected
     * data).
     */
    static boolean suits(FxpClient client, TransferResult probe) {
        FxpSettings settings = client.settings;
        return client.pipelines(Side.SOURCE) && client.pipelines(Side.TARGET)
                && settings.fileExist() == FileExist.OVERRIDE
                && !settings.preserveLastModified()
                && !settings.afterRename().any()
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
            for (Item item : items) {
                String directory = Paths.parent(item.copy.targetPath);
                if (settings.autoCreate()) {
                    client.ensureTargetDirectory(lease.target(), directory);
                }
                client.sweepStaleTemporaryFiles(lease.target(), directory);
            }
            source = pipeline(lease.source());
            target = pipeline(lease.target());
            try (ProgressMonitor ignored = ProgressMonitor.start(client, writing::get, this::stalled)) {
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
            }
        } catch (FtpTransferException e) {
            // A stall closed the connections: the failure to read that followed is the stall's.
            salvage(stall != null ? stall : e);
        } catch (RuntimeException e) {
            giveUpConnections();
            throw e;
        }
        List<TransferResult> results = new ArrayList<>();
        Map<Integer, TransferResult> finishedAfter = new TreeMap<>();
        for (Item item : items) {
            if (item.stage == Stage.DONE && item.index < limit && results.size() == item.index) {
                results.add(item.result);
            } else if (item.stage == Stage.DONE && failure != null) {
                finishedAfter.put(item.index, item.result);
            }
        }
        return new BatchResult(results, failure, finishedAfter);
    }

    private CommandPipeline pipeline(ControlConnection connection) {
        boolean queues = client.profile(connection.side(), connection).queuesCommandsDuringTransfers();
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
        // Also past a failure: a copy renamed into place is verified, and its source action is all it lacks.
        window.stream().filter(item -> item.stage == Stage.RENAMED).forEach(this::finish);
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
        window.stream().filter(item -> item.index < limit && item.stage == Stage.CHECK).forEach(this::check);
        window.stream().filter(item -> item.index < limit && item.stage == Stage.REPLACE).forEach(this::replace);
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
                FtpCommand size = item.copy.sourceSizeCommand();
                source.add(size, (reply, started) -> sized(item, size, reply));
                item.stage = Stage.SIZING;
            }
        }
    }

    /** A batch needs each source's size (the first file showed the source answers SIZE). */
    private void sized(Item item, FtpCommand size, FtpReply reply) {
        if (judge(item, () -> item.copy.sourceSized(reply))) {
            if (item.copy.sourceSize() < 0) {
                fail(item, new FtpReplyException(Side.SOURCE, size, reply));
                return;
            }
            item.stage = Stage.SIZED;
        }
    }

    /** Runs one of the file's rules on a reply; a rule that throws fails that file. Returns whether it passed. */
    private boolean judge(Item item, Runnable rule) {
        try {
            rule.run();
            return true;
        } catch (FtpTransferException e) {
            fail(item, e);
            return false;
        }
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

    /**
     * What the final name holds now, then STOR to the target, after its PASV: it answers once the source connected
     * to it.
     */
    private void store(Item item) {
        FileCopy copy = item.copy;
        if (copy.needsRename() && !copy.absenceListed()) {
            List<FtpCommand> probe = copy.probeCommands();
            FtpReply[] size = new FtpReply[1];
            target.add(probe.get(0), (reply, started) -> size[0] = reply);
            target.add(probe.get(1), (reply, started) -> copy.probed(size[0], reply));
        }
        FtpCommand stor = copy.storeCommand();
        item.watch = new ProgressMonitor.Watch(stor, copy::sourceSize, copy.request.listener());
        target.add(stor, (reply, started) -> stored(item, stor, reply, started), () -> item.storDue, copy::storeStarted);
        item.started = System.nanoTime();
        copy.request.listener().started(copy.sourcePath, copy.targetPath, copy.sourceSize());
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
        FtpCommand retr = FtpCommand.of("RETR", item.copy.sourcePath);
        source.add(port, (reply, started) -> {
            if (!reply.isPositive()) {
                fail(item, new FtpReplyException(Side.SOURCE, port, reply));
            }
        });
        source.add(retr, (reply, started) -> retrieved(item, retr, reply));
        item.storDue = true;
        item.stage = Stage.SENT;
        // Data flows from now until the STOR's final reply: the monitor watches this file.
        writing.set(item.watch);
    }

    /** SIZE of the written file on the target, answered once its STOR ended. */
    private void verifySize(Item item) {
        target.add(item.copy.verifyCommand(), (reply, started) -> verified(item, reply));
    }

    private void retrieved(Item item, FtpCommand retr, FtpReply reply) {
        item.sourceReply = reply;
        if (!reply.isPositive()) {
            fail(item, item.copy.explain(new FtpReplyException(Side.SOURCE, retr, reply)));
            if (item.targetReply == null) {
                // The target may still wait for a data connection that will not come.
                FxpTransfer.releasePassiveListener(target.connection(), item.address.port());
            }
            return;
        }
        checkVerified(item);
    }

    private void stored(Item item, FtpCommand stor, FtpReply reply, boolean started) {
        writing.compareAndSet(item.watch, null);
        item.targetReply = reply;
        item.copy.stored(reply, started);
        if (!reply.isPositive()) {
            fail(item, new FtpReplyException(Side.TARGET, stor, reply));
            return;
        }
        checkVerified(item);
    }

    private void verified(Item item, FtpReply reply) {
        if (item.stage == Stage.SENT && judge(item, () -> item.copy.verified(reply, true))) {
            item.sizeMatched = true;
            checkVerified(item);
        }
    }

    private void checkVerified(Item item) {
        if (item.stage == Stage.SENT && item.sourceReply != null && item.sourceReply.isPositive()
                && item.targetReply != null && item.targetReply.isPositive() && (item.sizeMatched || !verifySize)) {
            item.copy.copyAccepted();
            item.stage = item.copy.needsRename() ? Stage.VERIFIED : Stage.RENAMED;
        }
    }

    /** RNFR/RNTO of the verified temporary file; a refusal is looked into ({@link #check}) before anything else. */
    private void rename(Item item) {
        askTwo(item, item.copy.renameCommands(), Stage.RENAMING, item.copy::renamed);
    }

    /** SIZE and MDTM of the final name after a refused RNTO. */
    private void check(Item item) {
        askTwo(item, item.copy.checkCommands(), Stage.CHECKING, item.copy::checked);
    }

    /**
     * Queues two commands whose replies, together, go to one of the file's rules, which says what comes next; the
     * file waits in {@code stage} until then.
     */
    private void askTwo(Item item, List<FtpCommand> commands, Stage stage, BiFunction<FtpReply, FtpReply, FileCopy.Next> rule) {
        FtpReply[] first = new FtpReply[1];
        target.add(commands.get(0), (reply, started) -> first[0] = reply);
        target.add(commands.get(1), (reply, started) -> {
            if (item.stage == stage) {
                after(item, () -> rule.apply(first[0], reply));
            }
        });
        item.stage = stage;
    }

    /** DELE of the old final file, proven unchanged since before the STOR, and the rename once more. */
    private void replace(Item item) {
        FtpCommand dele = item.copy.replaceCommand();
        target.add(dele, (reply, started) -> LOG.debug("Deleted the old {} to rename onto it: {}", dele.argument(), reply));
        rename(item);
    }

    /** Moves the file on by what its {@link FileCopy} says comes next; a rule that throws fails the file. */
    private void after(Item item, java.util.function.Supplier<FileCopy.Next> rule) {
        FileCopy.Next[] next = new FileCopy.Next[1];
        if (judge(item, () -> next[0] = rule.get())) {
            item.stage = switch (next[0]) {
                case DONE -> Stage.RENAMED;
                case CHECK -> Stage.CHECK;
                case REPLACE -> Stage.REPLACE;
            };
        }
    }

    /** The source action, now that the final copy is in place. */
    private void finish(Item item) {
        List<FtpCommand> action = item.copy.sourceActionCommands();
        if (action.isEmpty()) {
            done(item);
            return;
        }
        List<FtpReply> replies = new ArrayList<>();
        for (FtpCommand command : action) {
            source.add(command, (reply, started) -> {
                replies.add(reply);
                if (replies.size() == action.size() && item.stage == Stage.FINISHING
                        && judge(item, () -> item.copy.sourceActed(action, replies))) {
                    done(item);
                }
            });
        }
        item.stage = Stage.FINISHING;
    }

    private void done(Item item) {
        item.stage = Stage.DONE;
        item.result = item.copy.result(Side.TARGET, item.sourceReply, item.targetReply,
                Duration.ofNanos(System.nanoTime() - item.started), verifySize ? "size" : "none", 0, "fxp");
        client.recordCompleted(item.result);
        item.copy.request.listener().finished(new TransferProgress(item.result.targetPath(), item.result.size(),
                item.result.size(), item.result.duration()));
    }

    /**
     * For a file the batch stops at or after: a STOR still waiting for its data connection is released, and
     * once it answered, what this attempt wrote is removed ({@link FileCopy#cleanupCommand}).
     */
    private void stop(Item item) {
        FileCopy copy = item.copy;
        if (copy.storeSent() && !item.storDue && item.address != null) {
            FxpTransfer.releasePassiveListener(target.connection(), item.address.port());
            item.storDue = true;
        }
        if (item.targetReply != null && !item.cleaned && item.stage.compareTo(Stage.RENAMED) < 0) {
            item.cleaned = true;
            copy.cleanupCommand().ifPresent(dele ->
                    target.add(dele, (reply, started) -> LOG.debug("Removed {}: {}", copy.writePath, reply)));
        }
    }

    private void fail(Item item, FtpTransferException e) {
        if (failed == null || item.index < failed.index) {
            if (failed != null) {
                LOG.debug("Batch failure at {} follows an earlier file's: {}", failed.copy.sourcePath, failure.getMessage());
            }
            failed = item;
            failure = e;
        } else {
            LOG.debug("{} also failed while the batch stopped: {}", item.copy.sourcePath, e.getMessage());
        }
        limit = Math.min(limit, item.index);
    }

    /**
     * A connection was lost or a reply did not come: the replies still due on the other connection are read
     * (each within the reply timeout), both connections are given up, and what the unfinished files wrote is
     * removed over a new target connection. A STOR that never began (no 1yz seen) touched no final name written
     * directly, which is then left alone.
     */
    private void salvage(FtpTransferException e) {
        Item first = items.stream().filter(item -> item.stage != Stage.DONE && item.stage != Stage.WAITING)
                .findFirst().orElse(items.get(0));
        fail(first, e);
        // What still answers tells which STORs began: only their files are this batch's to remove.
        for (CommandPipeline pipeline : new CommandPipeline[] { source, target }) {
            if (pipeline != null && pipeline.connection().isReusable()) {
                pipeline.drain();
            }
        }
        giveUpConnections();
        List<FtpCommand> removals = items.stream().filter(item -> item.stage.compareTo(Stage.RENAMED) < 0)
                .flatMap(item -> item.copy.cleanupCommand().stream()).toList();
        try {
            for (FtpCommand dele : removals) {
                FtpReply reply = lease.targetOnly().execute(dele);
                LOG.debug("Removed {}: {}", dele.argument(), reply);
            }
        } catch (FtpTransferException cleanup) {
            // One attempt: a target that does not answer would cost a reply timeout per file.
            LOG.warn("Could not remove the partial target files {} on {}: {}", removals.stream().map(FtpCommand::argument)
                    .toList(), client.target, cleanup.getMessage());
        }
    }

    /**
     * The file being written stopped growing for stallTimeout: both connections are closed, which ends the reads
     * blocked on them; the batch then fails with this stall.
     */
    private void stalled(FtpTransferException e) {
        stall = e;
        source.connection().abandon();
        target.connection().abandon();
    }

    /** Replies may still be in flight on both connections: neither may be used again. */
    private void giveUpConnections() {
        if (source != null) {
            source.connection().markBroken();
            target.connection().markBroken();
        }
    }

    /** One file of the batch and how far its commands got. */
    private final class Item {

        final int index;
        final FileCopy copy;
        Stage stage = Stage.WAITING;
        long started;
        boolean extended;
        PassiveAddress address;
        ProgressMonitor.Watch watch;
        /** The STOR's reply can come: the RETR went out, or its data connection was released. */
        boolean storDue;
        boolean sizeMatched;
        boolean cleaned;
        FtpReply sourceReply;
        FtpReply targetReply;
        TransferResult result;

        Item(int index, TransferRequest request) {
            this.index = index;
            this.copy = new FileCopy(client, request, attempt);
            if (copy.sourceSizeKnown() && copy.sourceSize() >= 0) {
                // Listed by the sync a moment ago: no SIZE to ask.
                stage = Stage.SIZED;
            }
        }
    }
}
