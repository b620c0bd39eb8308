package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpProtocolException;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.FxpRefusedException;
import io.github.ftp3p.protocol.FxpTransfer;
import io.github.ftp3p.protocol.ServerSoftware;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.RelayTransfer;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TargetExistsException;
import io.github.ftp3p.protocol.TransferOutcome;
import io.github.ftp3p.protocol.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one transfer, in order; the source is only changed in the last one:
 * <ol>
 * <li>SIZE on the source: a missing file fails here, before the target is touched.</li>
 * <li>fileExist: for Fail, Ignore and Move, SIZE on the target tells whether it exists.</li>
 * <li>autoCreate: MKD of each missing level of the target directory.</li>
 * <li>the FXP handshake ({@link FxpTransfer}) in each allowed orientation until one works, writing a
 * temporary name (or appending with APPE); a progress monitor polls the target meanwhile. With
 * fallback=relay, when every orientation is refused, the data through this host ({@link RelayTransfer}).</li>
 * <li>verification: SIZE, or the strongest hash both servers offer.</li>
 * <li>RNFR/RNTO of the temporary file to the final name.</li>
 * <li>MFMT (or SITE UTIME) with the source's MDTM, when asked.</li>
 * <li>the source action: DELE, or RNFR/RNTO into a done directory.</li>
 * </ol>
 * A failure after the target was written removes what this transfer wrote (the temporary file, or the
 * final file when written directly); an append cannot be undone and is left.
 */
final class TransferJob {

    private static final Logger LOG = LoggerFactory.getLogger(TransferJob.class);
    private static final long UNKNOWN = -2;

    private final FxpClient client;
    private final FxpSettings settings;
    private final FxpClient.Lease lease;
    private final TransferRequest request;
    private final long started;
    private final String sourcePath;
    private final String targetPath;
    /** Where the bytes are written: a temporary name, or the final one. */
    private final String writePath;
    private final boolean append;
    /** The source's size in bytes; -1 when it has no SIZE; UNKNOWN until asked. */
    private volatile long sourceSize = UNKNOWN;
    private long resumedFrom;
    private String mode;

    TransferJob(FxpClient client, FxpClient.Lease lease, TransferRequest request, long started) {
        this.client = client;
        this.settings = client.settings;
        this.lease = lease;
        this.request = request;
        this.started = started;
        this.sourcePath = client.source.resolve(request.sourceName());
        this.targetPath = client.target.resolve(request.targetName());
        this.append = settings.fileExist() == FileExist.APPEND;
        this.writePath = settings.tempPrefix() == null || append ? targetPath
                : Paths.join(Paths.parent(targetPath), settings.tempPrefix() + Paths.name(targetPath));
    }

    TransferResult run() {
        // The source's SIZE goes out with the first FXP command to the source (saving a round trip), unless
        // something must be decided before the target is touched: whether to resume, or what fileExist does.
        boolean sizeFirst = request.retry() || !settings.transfer().pipelining()
                || settings.fileExist() != FileExist.OVERRIDE && settings.fileExist() != FileExist.TRY_RENAME;
        if (sizeFirst) {
            sourceSize = size(Side.SOURCE, sourcePath, true);
        }
        long sizeBefore = 0;
        switch (settings.fileExist()) {
            case FAIL, IGNORE, MOVE -> {
                if (size(Side.TARGET, targetPath, false) >= 0) {
                    if (settings.fileExist() == FileExist.FAIL) {
                        throw new TargetExistsException(FtpCommand.of("SIZE", targetPath), targetPath);
                    }
                    if (settings.fileExist() == FileExist.IGNORE) {
                        return result(-1, null, "none", SourceAction.KEEP, true);
                    }
                    moveExisting();
                }
            }
            case APPEND -> sizeBefore = Math.max(0, size(Side.TARGET, targetPath, false));
            default -> { }
        }
        if (settings.autoCreate()) {
            client.ensureTargetDirectory(lease.target(), Paths.parent(targetPath));
        }
        if (sizeFirst) {
            request.listener().started(sourcePath, targetPath, sourceSize);
        }
        TransferOutcome outcome = transferData();

        String verifiedBy = verify(sizeBefore);
        if (!writePath.equals(targetPath)) {
            rename(lease.target(), Side.TARGET, writePath, targetPath, settings.fileExist() == FileExist.OVERRIDE);
        }
        if (settings.preserveLastModified()) {
            preserveLastModified();
        }
        long size = sourceSize < 0 ? -1 : sizeBefore + sourceSize;
        switch (request.sourceAction()) {
            case DELETE -> lease.source().expectPositive(FtpCommand.of("DELE", sourcePath));
            case MOVE -> rename(lease.source(), Side.SOURCE, sourcePath, client.source.resolve(request.sourceMoveTo()), false);
            default -> { }
        }
        return new TransferResult(sourcePath, targetPath, size, outcome.passiveSide(), outcome.sourceReply(),
                outcome.targetReply(), elapsed(), verifiedBy, request.sourceAction(), false, resumedFrom, mode);
    }

    /**
     * The FXP handshake in each allowed orientation until one works; then, with fallback=relay, the data
     * through this host.
     */
    private TransferOutcome transferData() {
        FtpCommand stor = FtpCommand.of(append ? "APPE" : "STOR", writePath);
        DataProtection protection = DataProtection.plan(settings, client, this::features);
        List<Side> orientations = protection.cpsvSide() != null ? List.of(protection.cpsvSide())
                : settings.passiveSide().orientations();
        List<String> attempts = new ArrayList<>();
        for (int i = 0; ; i++) {
            Side passive = orientations.get(i);
            applyDataProtection(protection);
            long restartAt = request.retry() ? resumeOffset() : 0;
            FxpTransfer transfer = new FxpTransfer(lease.source(), lease.target(), passive, settings.transfer(),
                    settings.connection().replyTimeout(), client.executor);
            if (protection.cpsvSide() != null) {
                transfer.withClientPassive();
            }
            if (sourceSize == UNKNOWN) {
                FtpCommand size = FtpCommand.of("SIZE", sourcePath);
                transfer.withSourcePrelude(size, reply -> {
                    sourceSize = parseSize(Side.SOURCE, size, reply, true);
                    request.listener().started(sourcePath, targetPath, sourceSize);
                });
            }
            TransferOutcome outcome;
            try (ProgressMonitor ignored = monitor(stor, transfer::abort)) {
                outcome = transfer.run(sourcePath, stor, restartAt);
            }
            if (outcome.succeeded()) {
                return succeeded(outcome, restartAt, "fxp");
            }
            boolean last = i + 1 == orientations.size();
            boolean relayNext = last && outcome.orientationRefused() && settings.fallback() == Fallback.RELAY;
            handleFailure(outcome, relayNext);
            if (relayNext) {
                return relay(stor, outcome);
            }
            if (!outcome.orientationRefused() || last && orientations.size() == 1) {
                throw outcome.failure();
            }
            attempts.add(passive.label() + " passive: " + outcome.failure().getMessage());
            if (last) {
                throw new FxpRefusedException(attempts, outcome.failure(),
                        ServerSoftware.fromGreeting(lease.greeting(Side.SOURCE)),
                        ServerSoftware.fromGreeting(lease.greeting(Side.TARGET)),
                        lease.source().isIpv6() != lease.target().isIpv6());
            }
            LOG.info("FXP with the {} passive failed ({}); trying with the {} passive", passive.label(),
                    outcome.failure().getMessage(), orientations.get(i + 1).label());
        }
    }

    /** Streams the data through this host, continuing from what the target already holds under the temporary name. */
    private TransferOutcome relay(FtpCommand stor, TransferOutcome fxpFailure) {
        if (sourceSize == UNKNOWN) {
            sourceSize = size(Side.SOURCE, sourcePath, true);
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
        try (ProgressMonitor ignored = monitor(stor, e -> {
            lease.source().abandon();
            lease.target().abandon();
        })) {
            outcome = relay.run(sourcePath, stor, restartAt);
        }
        if (outcome.succeeded()) {
            return succeeded(outcome, restartAt, "relay");
        }
        handleFailure(outcome, false);
        throw outcome.failure();
    }

    private ProgressMonitor monitor(FtpCommand stor, java.util.function.Consumer<FtpTransferException> onStall) {
        ProgressMonitor.Watch watch = new ProgressMonitor.Watch(stor, () -> Math.max(-1, sourceSize), request.listener());
        return ProgressMonitor.start(client, () -> watch, onStall);
    }

    private TransferOutcome succeeded(TransferOutcome outcome, long restartAt, String how) {
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
        if (!outcome.targetTouched()) {
            return;
        }
        lease.targetTouched = true;
        if (resumable() && (relayNext || outcome.failure().connectionLost())) {
            lease.resumable = true;
            LOG.info("Keeping the partial {} to resume from after: {}", writePath, outcome.failure().getMessage());
        } else {
            removeWritten();
        }
    }

    /** Sends SSCN ON where planned; per attempt, since an aborted connection is replaced by a new one. */
    private void applyDataProtection(DataProtection plan) {
        if (plan.sscnSide() != null) {
            lease.side(plan.sscnSide()).secureClientNegotiation(true);
        }
    }

    /** Resuming needs a temporary name (the final name never holds a partial file) and REST STREAM on both. */
    private boolean resumable() {
        return settings.resume() && !writePath.equals(targetPath)
                && features(Side.SOURCE).restStream() && features(Side.TARGET).restStream();
    }

    /**
     * Where to restart: the size of a temporary file a broken earlier attempt left, when it is shorter than the
     * source. This assumes the source did not change in between; verify=checksum proves it.
     */
    private long resumeOffset() {
        if (sourceSize <= 0 || !resumable()) {
            return 0;
        }
        long partial = size(Side.TARGET, writePath, false);
        if (partial <= 0 || partial >= sourceSize) {
            return 0;
        }
        LOG.info("Resuming {} at byte {} of {}", writePath, partial, sourceSize);
        return partial;
    }

    /** Returns how the copy was proven; throws, after removing what was written, when it does not match. */
    private String verify(long sizeBefore) {
        boolean mustVerify = request.sourceAction() != SourceAction.KEEP;
        if (settings.verification() == Verification.NONE && !mustVerify) {
            return "none";
        }
        if (settings.verification() == Verification.CHECKSUM && !append) {
            Optional<HashAlgorithm> common = commonHash();
            if (common.isPresent()) {
                String sourceHash = hash(Side.SOURCE, sourcePath, common.get());
                String targetHash = hash(Side.TARGET, writePath, common.get());
                if (!sourceHash.equals(targetHash)) {
                    fail(common.get().hashName() + " of the source is " + sourceHash + ", of the target " + targetHash,
                            FtpCommand.of("HASH", writePath));
                }
                return common.get().hashName();
            }
            client.warnOnce("no-common-hash", "The {} and {} servers offer no common hash command (HASH, XSHA256, XSHA1, "
                    + "XMD5, MD5); verifying copies by size instead", client.source.identity(), client.target.identity());
        }
        long targetSize = size(Side.TARGET, writePath, false);
        if (sourceSize < 0 || targetSize < 0) {
            Side without = sourceSize < 0 ? Side.SOURCE : Side.TARGET;
            if (mustVerify) {
                removeWritten();
                throw new VerificationException(FtpCommand.of("SIZE", without == Side.SOURCE ? sourcePath : writePath),
                        "Cannot verify the copy of " + sourcePath + ": the " + without.label()
                                + " server does not answer SIZE; the source was kept");
            }
            client.warnOnce("no-size-" + without, "The {} server does not answer SIZE: copies are not verified", without.label());
            return "none";
        }
        if (targetSize != sizeBefore + sourceSize) {
            fail("the source has " + sourceSize + " bytes, the target " + (targetSize - sizeBefore),
                    FtpCommand.of("SIZE", writePath));
        }
        return "size";
    }

    private void fail(String mismatch, FtpCommand command) {
        boolean removed = removeWritten();
        throw new VerificationException(command, "The copy of " + sourcePath + " to " + targetPath + " does not match: "
                + mismatch + (removed ? "; the target copy was removed" : "; the target copy could not be removed")
                + ", and the source was kept");
    }

    private Optional<HashAlgorithm> commonHash() {
        return HashAlgorithm.strongestCommon(features(Side.SOURCE).hashes(), features(Side.TARGET).hashes());
    }

    ServerFeatures features(Side side) {
        return client.features.computeIfAbsent(side, s -> ServerFeatures.of(lease.side(s).execute(FtpCommand.of("FEAT"))));
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

    /**
     * The size in bytes, or -1 when the file is not there or the server has no SIZE (RFC 3659 section 4).
     * On the source, with {@code required}, only a server without SIZE gives -1: a missing file fails.
     */
    private long size(Side side, String path, boolean required) {
        FtpCommand command = FtpCommand.of("SIZE", path);
        return parseSize(side, command, lease.side(side).execute(command), required);
    }

    private static long parseSize(Side side, FtpCommand command, FtpReply reply, boolean required) {
        if (reply.code() == 213 || !required || reply.code() == 500 || reply.code() == 502) {
            return reply.sizeValue();
        }
        throw new FtpReplyException(side, command, reply);
    }

    private void moveExisting() {
        if (request.moveExisting() == null) {
            throw new IllegalArgumentException("fileExist=Move needs moveExisting: where to rename the existing target file");
        }
        String to = client.target.resolve(request.moveExisting());
        if (settings.autoCreate()) {
            client.ensureTargetDirectory(lease.target(), Paths.parent(to));
        }
        rename(lease.target(), Side.TARGET, targetPath, to, true);
    }

    /**
     * RNFR/RNTO (RFC 959 section 4.1.3). Some servers refuse to rename onto an existing file (Apache FtpServer:
     * 553); with {@code replace} the existing file is then deleted and the rename tried once more.
     */
    private void rename(ControlConnection connection, Side side, String from, String to, boolean replace) {
        FtpCommand rnfr = FtpCommand.of("RNFR", from);
        FtpCommand rnto = FtpCommand.of("RNTO", to);
        // Once the target refused, the client deletes first (as PipelinedBatch does) instead of trying again.
        boolean deleteFirst = replace && side == Side.TARGET && client.renameNeedsDelete();
        if (deleteFirst) {
            connection.execute(FtpCommand.of("DELE", to));
        }
        FtpReply reply = renameOnce(connection, rnfr, rnto, settings.transfer().pipelining());
        if (reply.isPositive()) {
            return;
        }
        if (replace && !deleteFirst && reply.code() >= 500) {
            LOG.debug("The {} server refused to rename onto {} ({}); deleting it first", side.label(), to, reply);
            connection.execute(FtpCommand.of("DELE", to));
            reply = renameOnce(connection, rnfr, rnto, settings.transfer().pipelining());
            if (reply.isPositive()) {
                client.renameRefusedOntoExisting();
                return;
            }
        }
        if (side == Side.TARGET && from.equals(writePath)) {
            removeWritten();
        }
        throw new FtpReplyException(side, rnto, reply);
    }

    /**
     * RNFR and RNTO in one write (a round trip saved): RNFR must answer 350 (RFC 959 section 4.2), else RNTO
     * only gets 503 and the RNFR failure is the one reported. Returns RNTO's reply.
     */
    private static FtpReply renameOnce(ControlConnection connection, FtpCommand rnfr, FtpCommand rnto, boolean pipelined) {
        if (!pipelined) {
            FtpReply from = connection.execute(rnfr);
            if (from.code() != 350) {
                throw new FtpReplyException(connection.side(), rnfr, from);
            }
            return connection.execute(rnto);
        }
        connection.sendAll(List.of(rnfr, rnto));
        FtpReply from = connection.readReply(rnfr, connection.replyTimeout());
        FtpReply to = connection.readReply(rnto, connection.replyTimeout());
        if (from.code() != 350) {
            throw new FtpReplyException(connection.side(), rnfr, from);
        }
        return to;
    }

    /** MDTM on the source, then MFMT (or SITE UTIME) on the target; one WARN per server lacking both. */
    private void preserveLastModified() {
        FtpReply mdtm = lease.source().execute(FtpCommand.of("MDTM", sourcePath));
        if (mdtm.code() != 213 || mdtm.text().length() < 18) {
            client.warnOnce("no-mdtm", "The source server does not answer MDTM ({}): modification times are not preserved",
                    mdtm.text());
            return;
        }
        // MDTM's time is UTC, YYYYMMDDHHMMSS[.sss] (RFC 3659 section 3); MFMT takes the same form.
        String time = mdtm.text().substring(4, 18);
        if (lease.target().execute(FtpCommand.of("MFMT", time + " " + targetPath)).isPositive()
                || lease.target().execute(FtpCommand.of("SITE", "UTIME " + time + " " + targetPath)).isPositive()) {
            return;
        }
        client.warnOnce("no-mfmt", "The target server has neither MFMT nor SITE UTIME: modification times are not preserved");
    }

    /**
     * Deletes what this transfer wrote on the target: the temporary file, or the final file written directly.
     * Returns whether it is gone.
     */
    private boolean removeWritten() {
        if (append) {
            LOG.warn("The append to {} failed part-way; the appended part cannot be removed", targetPath);
            return false;
        }
        try {
            FtpReply reply = lease.target().execute(FtpCommand.of("DELE", writePath));
            LOG.debug("Removed {}: {}", writePath, reply);
            return reply.isPositive() || reply.code() == 550;
        } catch (FtpTransferException e) {
            LOG.warn("Could not remove the partial target file {} on {}: {}", writePath, client.target, e.getMessage());
            return false;
        }
    }

    private TransferResult result(long size, TransferOutcome outcome, String verifiedBy, SourceAction action, boolean skipped) {
        return new TransferResult(sourcePath, targetPath, size, outcome == null ? null : outcome.passiveSide(),
                outcome == null ? null : outcome.sourceReply(), outcome == null ? null : outcome.targetReply(), elapsed(),
                verifiedBy, action, skipped, 0, "none");
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
