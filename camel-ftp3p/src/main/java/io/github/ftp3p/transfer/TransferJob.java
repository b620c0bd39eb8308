package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.DataAddressException;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpProtocolException;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.FxpRefusedException;
import io.github.ftp3p.protocol.FxpTransfer;
import io.github.ftp3p.protocol.PassiveData;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.RelayTransfer;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TargetExistsException;
import io.github.ftp3p.protocol.TransferOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file copied on its own: the steps of a {@link FileCopy}, sent one after the other (pipelined where a reply
 * is not needed before the next command), with what only a single transfer does around them:
 * <ol>
 * <li>SIZE on the source; for fileExist Fail, Ignore, Move and Append, SIZE and MDTM of the final name decide what
 * to do before the target is touched. Otherwise both go out with the first FXP command to each side.</li>
 * <li>autoCreate: MKD of each missing level of the target directory.</li>
 * <li>the FXP handshake ({@link FxpTransfer}) in each allowed orientation until one works; a progress monitor
 * polls the target meanwhile. With fallback=relay, when every orientation is refused, the data through this host
 * ({@link RelayTransfer}).</li>
 * <li>verification: SIZE, or the strongest hash both servers offer.</li>
 * <li>the rename to the final name, MFMT (or SITE UTIME) when asked, SITE CHMOD and the done file when asked, and
 * the source action, last: a move deletes its source only once the done file is there, as camel-ftp writes the
 * done file once the upload is complete.</li>
 * </ol>
 * A failure removes what this attempt wrote ({@link FileCopy#cleanupCommand}), unless a lost connection left a
 * partial temporary file to resume from.
 */
final class TransferJob {

    private static final Logger LOG = LoggerFactory.getLogger(TransferJob.class);

    private final FxpClient client;
    private final FxpSettings settings;
    private final FxpClient.Lease lease;
    private final TransferRequest request;
    private final long started;
    private final FileCopy copy;
    /** The partial file is kept for a retry to resume from. */
    private boolean keepPartial;
    private boolean cleaned;
    private long resumedFrom;
    private String mode;

    TransferJob(FxpClient client, FxpClient.Lease lease, TransferRequest request, String attempt, long started) {
        this.client = client;
        this.settings = client.settings;
        this.lease = lease;
        this.request = request;
        this.started = started;
        this.copy = new FileCopy(client, request, attempt);
    }

    TransferResult run() {
        try {
            return steps();
        } catch (FtpTransferException e) {
            if (!keepPartial) {
                cleanup();
            }
            throw e;
        }
    }

    private TransferResult steps() {
        FileExist fileExist = settings.fileExist();
        boolean decideFirst = fileExist == FileExist.FAIL || fileExist == FileExist.IGNORE || fileExist == FileExist.MOVE
                || fileExist == FileExist.APPEND;
        // The source's SIZE goes out with the first FXP command to the source (saving a round trip), unless
        // something must be decided before the target is touched: whether to resume, or what fileExist does.
        if (request.retry() || !client.pipelines(Side.SOURCE) || decideFirst) {
            copy.sourceSized(lease.source().execute(copy.sourceSizeCommand()));
        }
        // What the final name holds before the STOR: only that file may be deleted to make room for the copy. A
        // sync's listing of the target that lacked it says as much.
        boolean probe = fileExist != FileExist.TRY_RENAME && (decideFirst || copy.needsRename()) && !copy.absenceListed();
        boolean probeWithTransfer = probe && !decideFirst && client.pipelines(Side.TARGET);
        if (probe && !probeWithTransfer) {
            List<FtpReply> replies = executeAll(lease.target(), copy.probeCommands());
            copy.probed(replies.get(0), replies.get(1));
        }
        if (copy.existedBefore()) {
            switch (fileExist) {
                case FAIL -> throw new TargetExistsException(copy.probeCommands().get(0), copy.targetPath);
                case IGNORE -> {
                    return new TransferResult(copy.sourcePath, copy.targetPath, -1, null, null, null, elapsed(), "none",
                            SourceAction.KEEP, true, 0, "none");
                }
                case MOVE -> moveExisting();
                default -> { }
            }
        }
        if (settings.autoCreate()) {
            client.ensureTargetDirectory(lease.target(), Paths.parent(copy.targetPath));
        }
        client.sweepStaleTemporaryFiles(lease.target(), Paths.parent(copy.targetPath));
        if (copy.sourceSizeKnown()) {
            request.listener().started(copy.sourcePath, copy.targetPath, copy.sourceSize());
        }
        TransferOutcome outcome = transferData(probeWithTransfer);

        String verifiedBy = verify();
        copy.copyAccepted();
        if (copy.needsRename()) {
            rename();
        }
        if (settings.preserveLastModified()) {
            preserveLastModified();
        }
        afterRename();
        List<FtpCommand> action = copy.sourceActionCommands();
        if (!action.isEmpty()) {
            copy.sourceActed(action, executeAll(lease.source(), action));
        }
        return copy.result(outcome.passiveSide(), outcome.sourceReply(), outcome.targetReply(), elapsed(), verifiedBy,
                resumedFrom, mode);
    }

    /**
     * The FXP handshake in each allowed orientation until one works; then, with fallback=relay, the data
     * through this host.
     *
     * @param probeTarget send the final name's SIZE and MDTM with the first command to the target
     */
    private TransferOutcome transferData(boolean probeTarget) {
        FtpCommand stor = copy.storeCommand();
        DataProtection protection = DataProtection.plan(settings, client, this::features);
        List<Side> orientations = protection.cpsvSide() != null ? List.of(protection.cpsvSide())
                : settings.passiveSide().orientations();
        List<String> attempts = new ArrayList<>();
        for (int i = 0; ; i++) {
            Side passive = orientations.get(i);
            applyDataProtection(protection);
            long restartAt = request.retry() ? resumeOffset() : 0;
            FxpTransfer transfer = new FxpTransfer(lease.source(), lease.target(), passive, settings.transfer(),
                    settings.connection(), client.executor);
            if (protection.cpsvSide() != null) {
                transfer.withClientPassive();
            }
            if (!copy.sourceSizeKnown()) {
                transfer.withPrelude(Side.SOURCE, List.of(copy.sourceSizeCommand()), replies -> {
                    copy.sourceSized(replies.get(0));
                    request.listener().started(copy.sourcePath, copy.targetPath, copy.sourceSize());
                });
            }
            if (probeTarget) {
                probeTarget = false;
                transfer.withPrelude(Side.TARGET, copy.probeCommands(), replies -> copy.probed(replies.get(0), replies.get(1)));
            }
            TransferOutcome outcome;
            try (ProgressMonitor ignored = monitor(stor, transfer::abort)) {
                outcome = transfer.run(copy.sourcePath, stor, restartAt);
            }
            if (outcome.succeeded()) {
                return succeeded(outcome, restartAt, "fxp");
            }
            // A data connection that broke after data had reached the target was not refused (a TLS failure
            // mid-file, a server that died): the other orientation would not help, and saying "refused" would lie.
            boolean refused = outcome.orientationRefused() && !dataFlowed(outcome, restartAt);
            boolean last = i + 1 == orientations.size();
            boolean relayNext = last && refused && settings.fallback() == Fallback.RELAY;
            handleFailure(outcome, relayNext);
            if (relayNext) {
                return relay(stor, outcome);
            }
            // An address this host refuses to hand on is its own policy, not the servers' refusal of FXP.
            if (!refused || orientations.size() == 1 && outcome.failure() instanceof DataAddressException) {
                throw copy.explain(outcome.failure());
            }
            attempts.add(passive.label() + " passive: " + outcome.failure().getMessage());
            if (last) {
                throw new FxpRefusedException(attempts, outcome.failure(), fxpAdvice(orientations),
                        lease.source().isIpv6() != lease.target().isIpv6());
            }
            LOG.info("FXP with the {} passive failed ({}); trying with the {} passive", passive.label(),
                    outcome.failure().getMessage(), orientations.get(i + 1).label());
        }
    }

    /**
     * Whether the target's file grew past {@code restartAt} before the failure: SIZE of what this attempt wrote,
     * asked only after a failure that looks like a refusal. A file that is not there, or a server that does not
     * answer, counts as no data; so does a final name written directly, which may have held a file before.
     */
    private boolean dataFlowed(TransferOutcome outcome, long restartAt) {
        if (!outcome.targetTouched() || !copy.needsRename()) {
            return false;
        }
        try {
            long written = lease.targetOnly().execute(copy.verifyCommand()).sizeValue();
            if (written > restartAt) {
                LOG.debug("{} bytes of {} had reached the target before: {}", written - restartAt, copy.writePath,
                        outcome.failure().getMessage());
                return true;
            }
        } catch (FtpTransferException e) {
            outcome.failure().addSuppressed(e);
        }
        return false;
    }

    /** What lets each server take part in FXP in the roles the orientations tried gave it. */
    private List<String> fxpAdvice(List<Side> orientations) {
        Set<String> advice = new LinkedHashSet<>();
        for (Side passive : orientations) {
            Side active = passive == Side.SOURCE ? Side.TARGET : Side.SOURCE;
            advice.add(client.profile(passive).fxpAdvice(true));
            advice.add(client.profile(active).fxpAdvice(false));
        }
        return List.copyOf(advice);
    }

    /** Streams the data through this host, continuing from what the target already holds under the temporary name. */
    private TransferOutcome relay(FtpCommand stor, TransferOutcome fxpFailure) {
        if (!copy.sourceSizeKnown()) {
            copy.sourceSized(lease.source().execute(copy.sourceSizeCommand()));
        }
        client.warnOnce("relay", "FXP between {} and {} failed in every orientation ({}); relaying the data through this "
                + "host instead (fallback=relay)", client.source.identity(), client.target.identity(),
                fxpFailure.failure().getMessage());
        long restartAt = resumeOffset();
        // This host is the TLS client of both relay data connections: no server may be one too.
        lease.source().secureClientNegotiation(false);
        lease.target().secureClientNegotiation(false);
        RelayTransfer relay = new RelayTransfer(lease.source(), lease.target(), settings.transfer(),
                settings.connection().socketFactory(), settings.connection().replyTimeout(), settings.tls(Side.SOURCE),
                settings.tls(Side.TARGET));
        TransferOutcome outcome;
        // Taken now: the stall handler runs on another thread, which must only close them, never borrow new ones.
        ControlConnection sourceConnection = lease.source();
        ControlConnection targetConnection = lease.target();
        try (ProgressMonitor ignored = monitor(stor, e -> {
            sourceConnection.abandon();
            targetConnection.abandon();
        })) {
            outcome = relay.run(copy.sourcePath, stor, restartAt);
        }
        if (outcome.succeeded()) {
            return succeeded(outcome, restartAt, "relay");
        }
        handleFailure(outcome, false);
        throw outcome.failure();
    }

    private ProgressMonitor monitor(FtpCommand stor, java.util.function.Consumer<FtpTransferException> onStall) {
        ProgressMonitor.Watch watch = new ProgressMonitor.Watch(stor, () -> Math.max(-1, copy.sourceSize()), request.listener());
        return ProgressMonitor.start(client, () -> watch, onStall);
    }

    private TransferOutcome succeeded(TransferOutcome outcome, long restartAt, String how) {
        copy.storeEnded(true);
        lease.targetTouched = true;
        resumedFrom = restartAt;
        mode = how;
        return outcome;
    }

    /**
     * After a failed attempt that may have written on the target: keep the temporary file when a retry (or
     * the relay that follows) can resume from it, else remove it.
     */
    private void handleFailure(TransferOutcome outcome, boolean relayNext) {
        copy.storeEnded(outcome.targetTouched());
        if (!outcome.targetTouched()) {
            return;
        }
        lease.targetTouched = true;
        if ((relayNext || outcome.failure().connectionLost()) && resumableAfter(outcome.failure())) {
            lease.resumable = true;
            keepPartial = !relayNext;
            LOG.info("Keeping the partial {} to resume from after: {}", copy.writePath, outcome.failure().getMessage());
        } else {
            cleanup();
        }
    }

    /** Sends SSCN ON where planned; per attempt, since an aborted connection is replaced by a new one. */
    private void applyDataProtection(DataProtection plan) {
        if (plan.sscnSide() != null) {
            lease.side(plan.sscnSide()).secureClientNegotiation(true);
        }
    }

    /**
     * Whether the partial file can be resumed from, after {@code failure}: asking FEAT may need a new connection,
     * and when that fails too, the partial file is removed and the transfer's own failure is the one reported.
     */
    private boolean resumableAfter(FtpTransferException failure) {
        try {
            return resumable();
        } catch (FtpTransferException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    /** Resuming needs a temporary name (the final name never holds a partial file) and REST STREAM on both. */
    private boolean resumable() {
        return settings.resume() && copy.needsRename()
                && features(Side.SOURCE).restStream() && features(Side.TARGET).restStream();
    }

    /**
     * Where to restart: the size of a temporary file a broken earlier attempt of this exchange left (the name is
     * unique to it), when it is shorter than the source. This assumes the source did not change in between;
     * verify=checksum proves it.
     */
    private long resumeOffset() {
        long sourceSize = copy.sourceSize();
        if (sourceSize <= 0 || !resumable()) {
            return 0;
        }
        long partial = lease.target().execute(FtpCommand.of("SIZE", copy.writePath)).sizeValue();
        if (partial <= 0 || partial >= sourceSize) {
            return 0;
        }
        LOG.info("Resuming {} at byte {} of {}", copy.writePath, partial, sourceSize);
        return partial;
    }

    /** Returns how the copy was proven; throws when it does not match. */
    private String verify() {
        boolean mustVerify = request.sourceAction() != SourceAction.KEEP;
        if (settings.verification() == Verification.NONE && !mustVerify) {
            return "none";
        }
        if (settings.verification() == Verification.CHECKSUM && !copy.append) {
            Optional<HashAlgorithm> common = commonHash();
            if (common.isPresent()) {
                String sourceHash = hash(Side.SOURCE, copy.sourcePath, common.get());
                String targetHash = hash(Side.TARGET, copy.writePath, common.get());
                if (!sourceHash.equals(targetHash)) {
                    throw copy.mismatch(common.get().hashName() + " of the source is " + sourceHash + ", of the target "
                            + targetHash, FtpCommand.of("HASH", copy.writePath));
                }
                return common.get().hashName();
            }
            client.warnOnce("no-common-hash", "The {} and {} servers offer no common hash command (HASH, XSHA256, XSHA1, "
                    + "XMD5, MD5); verifying copies by size instead", client.source.identity(), client.target.identity());
        }
        if (copy.verified(lease.target().execute(copy.verifyCommand()), mustVerify)) {
            return "size";
        }
        client.warnOnce("no-size", "The source or target server does not answer SIZE: copies are not verified");
        return "none";
    }

    private Optional<HashAlgorithm> commonHash() {
        return HashAlgorithm.strongestCommon(features(Side.SOURCE).hashes(), features(Side.TARGET).hashes());
    }

    ServerProfile.Features features(Side side) {
        ControlConnection connection = lease.side(side);
        return client.profile(side, connection).features(connection);
    }

    private String hash(Side side, String path, HashAlgorithm algorithm) {
        ControlConnection connection = lease.side(side);
        FtpReply reply = null;
        FtpCommand last = null;
        for (FtpCommand command : algorithm.commands(features(side).hashes().get(algorithm), path)) {
            last = command;
            reply = connection.expectPositive(command);
        }
        FtpReply answer = reply;
        FtpCommand asked = last;
        return algorithm.hashIn(answer, path).orElseThrow(() -> new FtpProtocolException(side,
                asked, answer, "no " + algorithm.hashName() + " hash in the reply '" + answer.text() + "'"));
    }

    /** fileExist=Move: the existing target file is renamed to moveExisting before the copy is written. */
    private void moveExisting() {
        String to = client.target.resolve(request.moveExisting());
        if (settings.autoCreate()) {
            client.ensureTargetDirectory(lease.target(), Paths.parent(to));
        }
        FtpCommand rnfr = FtpCommand.of("RNFR", copy.targetPath);
        FtpCommand rnto = FtpCommand.of("RNTO", to);
        List<FtpReply> replies = rename(rnfr, rnto);
        if (replies.get(0).code() != 350) {
            throw new FtpReplyException(Side.TARGET, rnfr, replies.get(0));
        }
        if (!replies.get(1).isPositive()) {
            throw new FtpReplyException(Side.TARGET, rnto, replies.get(1));
        }
        copy.finalMovedAway();
    }

    /**
     * The rename to the final name, and what a refusal leads to ({@link FileCopy#checked}): looking at the final
     * name, then at most one DELE of the old file and a second rename, or a failure naming the race.
     */
    private void rename() {
        List<FtpCommand> commands = copy.renameCommands();
        List<FtpReply> replies = rename(commands.get(0), commands.get(1));
        FileCopy.Next next = copy.renamed(replies.get(0), replies.get(1));
        while (next != FileCopy.Next.DONE) {
            if (next == FileCopy.Next.CHECK) {
                List<FtpReply> check = executeAll(lease.target(), copy.checkCommands());
                next = copy.checked(check.get(0), check.get(1));
            } else {
                FtpReply deleted = lease.target().execute(copy.replaceCommand());
                LOG.debug("Deleted the old {} to rename onto it: {}", copy.targetPath, deleted);
                replies = rename(commands.get(0), commands.get(1));
                next = copy.renamed(replies.get(0), replies.get(1));
            }
        }
    }

    /**
     * RNFR and RNTO (RFC 959 section 4.1.3), in one write when pipelining (a round trip saved): RNFR must answer
     * 350 (section 4.2), else RNTO only gets 503. Without pipelining, RNTO is not sent after a refused RNFR (its
     * reply is then RNFR's).
     */
    private List<FtpReply> rename(FtpCommand rnfr, FtpCommand rnto) {
        ControlConnection connection = lease.target();
        if (!client.pipelines(Side.TARGET)) {
            FtpReply from = connection.execute(rnfr);
            return List.of(from, from.code() == 350 ? connection.execute(rnto) : from);
        }
        return executeAll(connection, List.of(rnfr, rnto));
    }

    private List<FtpReply> executeAll(ControlConnection connection, List<FtpCommand> commands) {
        return client.executeAll(connection, commands);
    }

    /** MDTM on the source, then MFMT (or SITE UTIME) on the target; one WARN per server lacking both. */
    private void preserveLastModified() {
        FtpReply mdtm = lease.source().execute(FtpCommand.of("MDTM", copy.sourcePath));
        String time = mdtm.timeValue();
        if (time == null) {
            client.warnOnce("no-mdtm", "The source server does not answer MDTM ({}): modification times are not preserved",
                    mdtm.text());
            return;
        }
        if (lease.target().execute(FtpCommand.of("MFMT", time + " " + copy.targetPath)).isPositive()
                || lease.target().execute(FtpCommand.of("SITE", "UTIME " + time + " " + copy.targetPath)).isPositive()) {
            return;
        }
        client.warnOnce("no-mfmt", "The target server has neither MFMT nor SITE UTIME: modification times are not preserved");
    }

    /**
     * SITE CHMOD, then the empty done file (an empty STOR over a data connection from this host: no byte crosses
     * it). Either failing fails the transfer with the copy in place, since {@link FileCopy} no longer cleans up a
     * renamed file, and before the source action.
     */
    private void afterRename() {
        copy.chmodCommand().ifPresent(chmod -> copy.chmodded(lease.target().execute(chmod)));
        copy.doneFileCommand().ifPresent(stor -> {
            PassiveData data = new PassiveData(settings.transfer(), settings.connection().socketFactory(),
                    settings.connection().replyTimeout());
            try {
                // This host is the TLS client of the done file's data connection, as of a relay's.
                lease.target().secureClientNegotiation(false);
                data.storeEmpty(lease.target(), stor, settings.tls(Side.TARGET));
            } catch (FtpTransferException e) {
                throw copy.afterRenameFailed("doneFileName", e);
            }
        });
    }

    /**
     * Removes what this attempt wrote ({@link FileCopy#cleanupCommand}), over the target connection only: a dead
     * source must not keep a partial target file in place.
     */
    private void cleanup() {
        Optional<FtpCommand> dele = copy.cleanupCommand();
        if (dele.isEmpty() || cleaned) {
            return;
        }
        cleaned = true;
        try {
            FtpReply reply = lease.targetOnly().execute(dele.get());
            LOG.debug("Removed {}: {}", copy.writePath, reply);
            if (!FileCopy.removed(reply)) {
                LOG.warn("Could not remove the partial target file {} on {}: {}", copy.writePath, client.target, reply);
            }
        } catch (FtpTransferException e) {
            LOG.warn("Could not remove the partial target file {} on {}: {}", copy.writePath, client.target, e.getMessage());
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
