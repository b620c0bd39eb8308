package io.github.ftp3p.transfer;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.DirectoryListing;
import io.github.ftp3p.protocol.FtpConnectionException;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Listed;
import io.github.ftp3p.protocol.OutOfOrderReplyException;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.RemoteEntry;
import io.github.ftp3p.protocol.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the source directory's tree to the target directory, server to server, as lftp's mirror does:
 * <ol>
 * <li>breadth first, up to {@link #LIST_AHEAD} directories at a time: the source's listings and the target's
 * (MLSD, else LIST), each side over its own connection of one pair, in one write where the server takes pipelined
 * commands (the listings are the only data that crosses this host);</li>
 * <li>for each source file the filter accepts, what {@link SyncMode} says: copy or skip; where a size matches and
 * a time is not exact (LIST), MDTM on both sides at once, in one write per side;</li>
 * <li>the directories missing on the target are made (MKD), empty ones included, before their files are
 * copied;</li>
 * <li>the files to copy are queued for {@link Lanes}, which copy them in pipelined batches while the listing goes
 * on, each file by the per-file model (temporary name, verification, rename): a sync never leaves a broken file
 * under a final name;</li>
 * <li>with deleteExtraneous, once every copy ended: target files the source lacks (that the filter accepts, and
 * that are no transfer's temporary file), then the target directories the source lacks, deepest first; refused
 * unless every source listing succeeded, and when there would be more than maxDeletes.</li>
 * </ol>
 * The work per file does not grow with the tree: each directory is listed once per side and looked up by name.
 */
final class TreeSync {

    private static final Logger LOG = LoggerFactory.getLogger(TreeSync.class);
    /**
     * Directories listed together, in one write per side where the server takes pipelined commands: a level of a
     * wide tree costs about the round trips of one listing, not one listing per directory. It bounds the listings
     * held before their files are queued.
     */
    static final int LIST_AHEAD = 32;

    private record Directory(String path, int depth, boolean missingOnTarget) {
    }

    /**
     * @param absentOnTarget a target listing that succeeded and was read whole lacked it (or its directory): no
     *                       probe of the final name is needed ({@link TransferRequest.Listed})
     */
    private record Copy(String path, RemoteEntry source, boolean absentOnTarget) {
    }

    private final FxpClient client;
    private final FxpSettings settings;
    private final SyncSettings sync;
    private final List<SyncEntry> entries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> extraneousFiles = new ArrayList<>();
    private final List<String> extraneousDirectories = new ArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong listingBytes = new AtomicLong();
    private final LongAdder roundTrips = new LongAdder();
    private boolean sourceComplete = true;

    TreeSync(FxpClient client, SyncSettings sync) {
        this.client = client;
        this.settings = client.settings;
        this.sync = sync;
    }

    /**
     * One pair of connections lists while the lanes copy, so at most maxConnections - 1 lanes run; with
     * maxConnections=1 the pair lists the whole tree first and then copies, since a lane waiting for the pair
     * the listing holds would wait for ever.
     */
    SyncSummary run() {
        return FxpClient.countingRoundTrips(roundTrips, this::mirror);
    }

    private SyncSummary mirror() {
        long started = System.nanoTime();
        int lanes = Math.max(1, Math.min(sync.lanes(), settings.maxConnections() - 1));
        boolean overlap = settings.maxConnections() > 1;
        List<TransferRequest> deferred = new ArrayList<>();
        try (Lanes running = new Lanes(client, lanes, sync.continueOnError(), roundTrips)) {
            Consumer<List<TransferRequest>> copy = overlap ? files -> running.feed(files, outcome) : deferred::addAll;
            try (FxpClient.Lease lease = client.new Lease()) {
                Deque<Directory> queue = new ArrayDeque<>();
                queue.add(new Directory("", 0, false));
                while (!queue.isEmpty() && !running.stopped()) {
                    List<Directory> round = new ArrayList<>();
                    while (!queue.isEmpty() && round.size() < LIST_AHEAD) {
                        round.add(queue.poll());
                    }
                    visit(round, queue, lease, copy);
                }
            }
            if (!deferred.isEmpty()) {
                running.feed(deferred, outcome);
            }
            running.fedAll();
            running.awaitAll();
            if (sync.deleteExtraneous() && !running.stopped()) {
                try (FxpClient.Lease lease = client.new Lease()) {
                    deleteExtraneous(lease);
                }
            }
        }
        return summary(System.nanoTime() - started);
    }

    /** What becomes of each file a lane copied. */
    private final Lanes.Outcome outcome = new Lanes.Outcome() {
        @Override
        public void copied(TransferRequest request, TransferResult result) {
            bytes.addAndGet(Math.max(0, result.size()));
            entries.add(SyncEntry.of(request.sourceName(), SyncEntry.Action.COPIED, result.size(), null));
        }

        @Override
        public void failed(TransferRequest request, FtpTransferException failure) {
            TreeSync.this.failed(request.sourceName(), -1, failure);
        }
    };

    /**
     * A round of directories: all listed at once, the source's and the target's each over its own connection;
     * then each directory compared, the missing ones made, the times compared where the listing had none, and
     * the copies queued for the lanes.
     */
    private void visit(List<Directory> round, Deque<Directory> queue, FxpClient.Lease lease,
            Consumer<List<TransferRequest>> copy) {
        ControlConnection sourceConnection = lease.source();
        ControlConnection targetConnection = lease.target();
        List<String> onTarget = round.stream().filter(d -> !d.missingOnTarget()).map(Directory::path).toList();
        CompletableFuture<List<Listed<DirectoryListing>>> targetListed = onTarget.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> listAll(Side.TARGET, targetConnection, onTarget), client.executor);
        List<Listed<DirectoryListing>> sourceListed = listAll(Side.SOURCE, sourceConnection,
                round.stream().map(Directory::path).toList());
        List<Listed<DirectoryListing>> targetListings = targetListed.join();
        List<Copy> copies = new ArrayList<>();
        List<Copy> compareTimes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int onTargetIndex = 0;
        for (int i = 0; i < round.size(); i++) {
            Directory directory = round.get(i);
            Listed<DirectoryListing> target = directory.missingOnTarget() ? null : targetListings.get(onTargetIndex++);
            visit(directory, sourceListed.get(i), target, lease, queue, copies, compareTimes, missing);
        }
        createDirectories(lease.target(), missing);
        compareTimes(lease, compareTimes, copies);
        copy(copies, copy);
    }

    private void visit(Directory directory, Listed<DirectoryListing> sourceListed, Listed<DirectoryListing> targetListed,
            FxpClient.Lease lease, Deque<Directory> queue, List<Copy> copies, List<Copy> compareTimes,
            List<String> missing) {
        String listed = directory.path();
        DirectoryListing source;
        try {
            source = orRetry(sourceListed, () -> list(Side.SOURCE, lease.source(), listed));
        } catch (FtpTransferException e) {
            sourceComplete = false;
            failed(listed + "/", -1, e);
            return;
        }
        Map<String, RemoteEntry> target = new HashMap<>();
        // Whether a name missing from `target` is known to be missing there: not after a refused or partly read listing.
        boolean targetKnown = true;
        if (targetListed != null) {
            try {
                DirectoryListing targetListing = orRetry(targetListed, () -> list(Side.TARGET, lease.target(), listed));
                List<RemoteEntry> present = targetListing.entries();
                targetKnown = targetListing.incomplete().isEmpty();
                present.forEach(e -> target.put(e.name(), e));
                if (!present.isEmpty()) {
                    // Only a listing with entries proves the directory is there: vsftpd and Apache FtpServer list a
                    // missing directory as empty.
                    client.targetDirectories.add(resolve(client.target.directory(), listed));
                }
            } catch (FtpReplyException e) {
                // A target directory that is not there: 550 from most servers, 501 from pyftpdlib, 450 from some.
                // Taking a refused listing for a missing directory only costs copies (nothing is seen to delete).
                if (!e.reply().isNegative()) {
                    failed(listed + "/", -1, e);
                    return;
                }
                directory = new Directory(listed, directory.depth(), true);
                targetKnown = false;
            } catch (FtpTransferException e) {
                failed(listed + "/", -1, e);
                return;
            }
        }
        if (!source.incomplete().isEmpty()) {
            sourceComplete = false;
            LOG.warn("{} lines of the source listing of '{}' could not be read, e.g. '{}': nothing is deleted by this "
                    + "sync", source.incomplete().size(), directory.path(), source.incomplete().get(0));
        }
        if (directory.missingOnTarget()) {
            missing.add(directory.path());
        }
        for (RemoteEntry entry : source.entries()) {
            String path = join(directory.path(), entry.name());
            RemoteEntry existing = target.remove(entry.name());
            switch (entry.kind()) {
                case DIRECTORY -> {
                    if (sync.recursive() && directory.depth() < sync.maxDepth()) {
                        queue.add(new Directory(path, directory.depth() + 1,
                                existing == null || existing.kind() != RemoteEntry.Kind.DIRECTORY));
                    }
                }
                case FILE -> {
                    if (sync.filter().test(path)) {
                        decide(new Copy(path, entry, existing == null && targetKnown), existing, copies, compareTimes);
                    }
                }
                default -> entries.add(SyncEntry.of(path, SyncEntry.Action.SKIPPED, entry.size(), "not a file"));
            }
        }
        for (RemoteEntry extra : target.values()) {
            extraneous(join(directory.path(), extra.name()), extra);
        }
    }

    /**
     * The listing, or one more try over a new connection after a failed connection (pyftpdlib was seen, once in
     * five runs of SyncInteropTest on a loaded machine, to send nothing on an MLSD data connection until the read
     * timed out) or after replies out of order to listings sent together (then sent one at a time). A refusal
     * (550) is not tried again, and each try is bounded as {@link io.github.ftp3p.protocol.ListingLines} says.
     */
    private DirectoryListing orRetry(Listed<DirectoryListing> listed, Supplier<DirectoryListing> retry) {
        FtpTransferException failure = listed.failure();
        if (failure == null) {
            return listed.listing();
        }
        boolean outOfOrder = failure instanceof OutOfOrderReplyException;
        if (!(failure instanceof FtpConnectionException) && !outOfOrder) {
            throw failure;
        }
        if (!outOfOrder || !client.learnOutOfOrder(failure)) {
            LOG.info("A listing failed ({}); trying once more on a new connection", failure.getMessage());
        }
        try {
            return retry.get();
        } catch (FtpTransferException again) {
            again.addSuppressed(failure);
            throw again;
        }
    }

    /** What {@link SyncMode} says of one source file, given what the target holds under its name. */
    private void decide(Copy copy, RemoteEntry existing, List<Copy> copies, List<Copy> compareTimes) {
        if (existing != null && existing.kind() == RemoteEntry.Kind.DIRECTORY) {
            entries.add(new SyncEntry(copy.path(), SyncEntry.Action.FAILED, copy.source().size(),
                    "the target has a directory of that name", Side.TARGET.label(), null, 0));
            return;
        }
        if (existing == null || sync.mode() == SyncMode.OVERWRITE) {
            copies.add(copy);
        } else if (sync.mode() == SyncMode.NEW_ONLY) {
            skipped(copy, "present on the target");
        } else if (copy.source().size() >= 0 && existing.size() >= 0 && copy.source().size() != existing.size()) {
            copies.add(copy);
        } else if (copy.source().exactTime() && existing.exactTime()) {
            decideByTime(copy, copy.source().modified(), existing.modified(), copies);
        } else {
            compareTimes.add(copy);
        }
    }

    /** The target is older than the source by more than the tolerance: copy; else up to date. */
    private void decideByTime(Copy copy, Instant source, Instant target, List<Copy> copies) {
        if (source != null && target != null && target.plus(sync.timeTolerance()).isBefore(source)) {
            copies.add(copy);
        } else {
            skipped(copy, "up to date");
        }
    }

    /** MDTM on both sides for files whose listing gave no exact time (LIST), in one write per side. */
    private void compareTimes(FxpClient.Lease lease, List<Copy> files, List<Copy> copies) {
        if (files.isEmpty()) {
            return;
        }
        // Both sides at once, each over its own connection.
        ControlConnection targetConnection = lease.target();
        CompletableFuture<Listed<List<FtpReply>>> targetTimes = CompletableFuture.supplyAsync(() -> Listed.of(
                () -> mdtm(targetConnection, files.stream().map(f -> client.target.resolve(f.path())).toList())),
                client.executor);
        Listed<List<FtpReply>> sourceTimes = Listed.of(
                () -> mdtm(lease.source(), files.stream().map(f -> client.source.resolve(f.path())).toList()));
        Listed<List<FtpReply>> targetTimesRead = targetTimes.join();
        FtpTransferException failure = sourceTimes.failure() != null ? sourceTimes.failure() : targetTimesRead.failure();
        if (failure != null) {
            files.forEach(f -> failed(f.path(), f.source().size(), failure));
            return;
        }
        List<FtpReply> source = sourceTimes.listing();
        List<FtpReply> target = targetTimesRead.listing();
        for (int i = 0; i < files.size(); i++) {
            Instant sourceTime = source.get(i).instantValue();
            Instant targetTime = target.get(i).instantValue();
            if (sourceTime == null || targetTime == null) {
                // No time to compare by (a server without MDTM): equal sizes count as up to date.
                skipped(files.get(i), "same size, no modification time to compare");
            } else {
                decideByTime(files.get(i), sourceTime, targetTime, copies);
            }
        }
    }

    private List<FtpReply> mdtm(ControlConnection connection, List<String> paths) {
        return client.executeAll(connection, paths.stream().map(p -> FtpCommand.of("MDTM", p)).toList());
    }

    /** Queues the copies for the lanes; with dryRun, only notes them. */
    private void copy(List<Copy> copies, Consumer<List<TransferRequest>> copy) {
        if (sync.dryRun()) {
            copies.forEach(c -> entries.add(SyncEntry.of(c.path(), SyncEntry.Action.WOULD_COPY, c.source().size(), null)));
        } else if (!copies.isEmpty()) {
            copy.accept(copies.stream()
                    .map(c -> TransferRequest.copy(c.path(), c.path()).withListener(sync.listener())
                            .withListed(new TransferRequest.Listed(c.source().size(), c.absentOnTarget()))).toList());
        }
    }

    /** A target entry the source lacks: noted for deletion, a directory with everything in it. */
    private void extraneous(String path, RemoteEntry entry) {
        if (!sync.deleteExtraneous()) {
            return;
        }
        if (entry.kind() == RemoteEntry.Kind.DIRECTORY) {
            extraneousDirectories.add(path);
        } else if (entry.kind() == RemoteEntry.Kind.FILE && sync.filter().test(path) && !temporary(entry.name())) {
            extraneousFiles.add(path);
        }
    }

    /** Another transfer's temporary file is never this sync's to delete, whatever the source holds. */
    private boolean temporary(String name) {
        return settings.tempPrefix() != null && name.startsWith(settings.tempPrefix());
    }

    /**
     * Deletes what the source lacks, once every copy ended: the files, then each directory once its content is
     * gone (a directory still holding excluded files or temporary files is kept, its RMD refused).
     */
    private void deleteExtraneous(FxpClient.Lease lease) {
        List<String> directories = new ArrayList<>();
        try {
            for (String directory : extraneousDirectories) {
                collect(lease.target(), directory, directories);
            }
        } catch (FtpTransferException e) {
            failed("(deleteExtraneous)", -1, e);
            return;
        }
        int planned = extraneousFiles.size() + directories.size();
        if (!sourceComplete) {
            refuseDeletes(planned, "a source listing failed or was not fully read, so the source may hold what the "
                    + "target would lose");
            return;
        }
        if (planned > sync.maxDeletes()) {
            refuseDeletes(planned, "that is more than maxDeletes=" + sync.maxDeletes());
            return;
        }
        ControlConnection target = lease.target();
        for (String file : extraneousFiles) {
            delete(target, file, FtpCommand.of("DELE", client.target.resolve(file)), -1);
        }
        // Deepest first: a directory is empty only once the ones below it are gone.
        directories.sort((a, b) -> Integer.compare(Paths.segments(b).size(), Paths.segments(a).size()));
        for (String directory : directories) {
            delete(target, directory + "/", FtpCommand.of("RMD", client.target.resolve(directory)), -1);
        }
    }

    /** The files under an extraneous target directory (for deletion) and the directories themselves. */
    private void collect(ControlConnection target, String directory, List<String> directories) {
        directories.add(directory);
        for (RemoteEntry entry : list(Side.TARGET, target, directory).entries()) {
            String path = join(directory, entry.name());
            if (entry.kind() == RemoteEntry.Kind.DIRECTORY) {
                collect(target, path, directories);
            } else if (entry.kind() == RemoteEntry.Kind.FILE && sync.filter().test(path) && !temporary(entry.name())) {
                extraneousFiles.add(path);
            }
        }
    }

    private void refuseDeletes(int planned, String why) {
        entries.add(new SyncEntry("(deleteExtraneous)", SyncEntry.Action.FAILED, -1, "deleteExtraneous refused "
                + planned + " deletions: " + why, Side.TARGET.label(), null, 0));
    }

    private void delete(ControlConnection target, String path, FtpCommand command, long size) {
        if (sync.dryRun()) {
            entries.add(SyncEntry.of(path, SyncEntry.Action.WOULD_DELETE, size, null));
            return;
        }
        try {
            FtpReply reply = target.execute(command);
            if (reply.isPositive()) {
                entries.add(SyncEntry.of(path, SyncEntry.Action.DELETED, size, null));
            } else {
                failed(path, size, new FtpReplyException(Side.TARGET, command, reply));
            }
        } catch (FtpTransferException e) {
            failed(path, size, e);
        }
    }

    /**
     * MKD of the directories a round found missing on the target. Those whose parent the target listed or this sync
     * made go in one write where pipelining (a new tree's level costs one round trip, not one per directory); the
     * others, with each missing level above them, one by one. A directory an earlier sync made and someone removed
     * since is made again: the listing says it is not there.
     */
    private void createDirectories(ControlConnection target, List<String> paths) {
        List<String> direct = new ArrayList<>();
        for (String path : paths) {
            String full = resolve(client.target.directory(), path);
            if (full.isEmpty()) {
                continue;
            }
            client.targetDirectories.remove(full);
            if (sync.dryRun()) {
                entries.add(SyncEntry.of(path + "/", SyncEntry.Action.WOULD_CREATE, -1, null));
            } else if (client.targetDirectories.contains(Paths.parent(full))) {
                direct.add(path);
            } else {
                // Makes the levels above it too, which are then known: the round's other directories there go below.
                createDirectory(target, path, full);
            }
        }
        if (direct.isEmpty()) {
            return;
        }
        List<FtpReply> replies;
        try {
            replies = client.executeAll(target, direct.stream()
                    .map(path -> FtpCommand.of("MKD", resolve(client.target.directory(), path))).toList());
        } catch (FtpTransferException e) {
            direct.forEach(path -> failed(path + "/", -1, e));
            return;
        }
        for (int i = 0; i < direct.size(); i++) {
            // As ensureTargetDirectory: a refusal is left to the copies into it, whose STOR tells why.
            client.targetDirectories.add(resolve(client.target.directory(), direct.get(i)));
            if (replies.get(i).isPositive()) {
                entries.add(SyncEntry.of(direct.get(i) + "/", SyncEntry.Action.DIRECTORY_CREATED, -1, null));
            }
        }
    }

    /** MKD of a directory the target lacks, and of each missing level above it (counted as created when made). */
    private void createDirectory(ControlConnection target, String path, String full) {
        try {
            if (client.ensureTargetDirectory(target, full) > 0) {
                entries.add(SyncEntry.of(path + "/", SyncEntry.Action.DIRECTORY_CREATED, -1, null));
            }
        } catch (FtpTransferException e) {
            failed(path + "/", -1, e);
        }
    }

    /**
     * The listings of {@code paths}, pipelined where that server answers in order (all in one write where it also
     * queues commands during a transfer), else one by one; after a broken connection the rest fail with its
     * failure (their retry takes a new connection).
     */
    private List<Listed<DirectoryListing>> listAll(Side side, ControlConnection connection, List<String> paths) {
        if (client.pipelines(side)) {
            ServerProfile profile = client.profile(side, connection);
            boolean mlsd = profile.features(connection).mlsd();
            String systemType = mlsd ? null : profile.systemType(connection);
            List<String> directories = paths.stream().map(path -> directory(side, path)).toList();
            List<Listed<DirectoryListing>> all = DirectoryListing.ofAll(client.passiveData(), connection, directories,
                    settings.tls(side), mlsd, systemType, profile.queuesCommandsDuringTransfers());
            all.stream().filter(l -> l.listing() != null).forEach(l -> listingBytes.addAndGet(l.listing().bytes()));
            return all;
        }
        List<Listed<DirectoryListing>> all = new ArrayList<>(paths.size());
        for (String path : paths) {
            FtpTransferException broke = all.isEmpty() || connection.isReusable() ? null
                    : all.get(all.size() - 1).failure();
            all.add(broke != null ? Listed.failed(broke) : Listed.of(() -> list(side, connection, path)));
        }
        return all;
    }

    private DirectoryListing list(Side side, ControlConnection connection, String path) {
        DirectoryListing listing = client.listDirectory(side, connection, directory(side, path));
        listingBytes.addAndGet(listing.bytes());
        return listing;
    }

    private String directory(Side side, String path) {
        return resolve((side == Side.SOURCE ? client.source : client.target).directory(), path);
    }

    private static String resolve(String base, String path) {
        return path.isEmpty() ? base : Paths.join(base, path);
    }

    private static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    private void skipped(Copy copy, String why) {
        entries.add(SyncEntry.of(copy.path(), SyncEntry.Action.SKIPPED, copy.source().size(), why));
    }

    private void failed(String path, long size, FtpTransferException failure) {
        LOG.debug("Sync of {} failed: {}", path, failure.getMessage());
        entries.add(SyncEntry.failed(path, size, failure));
    }

    private SyncSummary summary(long nanos) {
        List<SyncEntry> all;
        synchronized (entries) {
            all = List.copyOf(entries);
        }
        return new SyncSummary(all,
                count(all, SyncEntry.Action.COPIED, SyncEntry.Action.WOULD_COPY),
                count(all, SyncEntry.Action.SKIPPED),
                count(all, SyncEntry.Action.DELETED, SyncEntry.Action.WOULD_DELETE),
                count(all, SyncEntry.Action.FAILED),
                count(all, SyncEntry.Action.DIRECTORY_CREATED, SyncEntry.Action.WOULD_CREATE),
                bytes.get(), listingBytes.get(), roundTrips.sum(), nanos / 1_000_000, sync.dryRun());
    }

    private static int count(List<SyncEntry> entries, SyncEntry.Action... actions) {
        List<SyncEntry.Action> wanted = List.of(actions);
        return (int) entries.stream().filter(e -> wanted.contains(e.action())).count();
    }
}
