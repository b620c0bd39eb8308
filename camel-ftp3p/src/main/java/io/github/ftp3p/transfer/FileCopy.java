package io.github.ftp3p.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.ftp3p.protocol.ConcurrentTransferException;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.FtpReplyException;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.FxpTransfer;
import io.github.ftp3p.protocol.RelayTransfer;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's way from the source to the target, the same whether it is copied on its own ({@link TransferJob})
 * or as one file of a pipelined batch ({@link PipelinedBatch}). It owns the rules; it sends nothing: each path
 * sends the commands it hands out, in its own order (one after the other, or queued on a pipeline), and gives
 * every reply back to it. The steps:
 * <ol>
 * <li>SIZE on the source ({@link #sourceSizeCommand}): a missing file fails here, before the target is touched.</li>
 * <li>SIZE and MDTM of the final name on the target ({@link #probeCommands}), before the STOR: what was there before
 * this attempt started. Only a file seen there now may later be deleted to make room (fileExist=Override).</li>
 * </ol>
 * A sync's file comes with what its listings showed ({@link TransferRequest.Listed}): the listed size stands for
 * step 1, and a final name the target's listing lacked for step 2 with fileExist=Override (the other policies
 * decide on a fresh look). The listing was taken before this attempt, so it is as good a "before" as the probe:
 * a file found under the final name later was written by someone else, and is never deleted.
 * <ol start="3">
 * <li>STOR (or APPE) of the write path ({@link #storeCommand}): a temporary name unique to this attempt
 * ({@link TemporaryName}), or the final name with useTempFile=false. Its reply says whether the target was
 * touched.</li>
 * <li>SIZE of the write path ({@link #verifyCommand}), equal to the source's.</li>
 * <li>RNFR/RNTO to the final name ({@link #renameCommands}). A refusal is never followed by a DELE of the final
 * name unless that name still holds the file seen before the STOR (same size and time) and fileExist=Override;
 * anything else there was written by someone else meanwhile, and the attempt fails naming the race.</li>
 * <li>After the rename ({@link AfterRename}): SITE CHMOD ({@link #chmodCommand}), then the empty done file
 * ({@link #doneFileCommand}). A failure of either leaves the verified copy in place and keeps the source
 * ({@link #afterRenameFailed}).</li>
 * <li>The source action ({@link #sourceActionCommands}): DELE, or RNFR/RNTO into a done directory. A source
 * already gone was moved by another transfer: that is reported, not hidden.</li>
 * </ol>
 * On failure, {@link #cleanupCommand} removes what this attempt wrote, and nothing else: its own temporary file,
 * or the final file when written directly and the STOR may have started. An append cannot be undone.
 */
final class FileCopy {

    private static final Logger LOG = LoggerFactory.getLogger(FileCopy.class);
    static final long UNKNOWN = -2;

    /** What {@link #renamed} and {@link #checked} say to do next. */
    enum Next {
        /** The copy is under its final name. */
        DONE,
        /** RNTO was refused: ask the final name's SIZE and MDTM ({@link #checkCommands}) to learn why. */
        CHECK,
        /** The final name still holds the file that was there before: DELE it, then rename again. */
        REPLACE
    }

    /** The final name before the STOR: absent, or present with a size and (if MDTM answers) a time. */
    private record Before(boolean exists, long size, String time) {

        static final Before ABSENT = new Before(false, -1, null);

        static Before of(FtpReply size, FtpReply mdtm) {
            String time = mdtm == null ? null : mdtm.timeValue();
            boolean exists = size.code() == 213 || time != null;
            return exists ? new Before(true, size.sizeValue(), time) : ABSENT;
        }

        boolean sameFile(Before now) {
            return now.exists && now.size == size && java.util.Objects.equals(now.time, time);
        }
    }

    final TransferRequest request;
    final String sourcePath;
    final String targetPath;
    /** Where the bytes are written: this attempt's temporary name, or the final one. */
    final String writePath;
    final boolean append;
    /** Where {@link SourceAction#MOVE} renames the source to; null for other actions. */
    private final String sourceMoveTo;
    private final FileExist fileExist;
    private final AfterRename afterRename;
    /** The source's size in bytes; -1 when it has no SIZE; UNKNOWN until asked. */
    private volatile long sourceSize = UNKNOWN;
    /** The size came from the sync's listing, not from SIZE. */
    private boolean sizeListed;
    /** The sync's listing of the target lacked the final name, which stands for the probe. */
    private final boolean absenceListed;
    /** The final name before the STOR, or null when it was not looked at. */
    private Before before;
    private boolean storeSent;
    /** The STOR's final reply came, so {@link #touched} is known rather than assumed. */
    private boolean storeAnswered;
    private boolean touched;
    private boolean replaced;
    private boolean renamed;
    private FtpCommand refusedRnto;
    private FtpReply refusedReply;

    FileCopy(FxpClient client, TransferRequest request, String attempt) {
        FxpSettings settings = client.settings;
        this.request = request;
        this.sourcePath = client.source.resolve(request.sourceName());
        this.targetPath = client.target.resolve(request.targetName());
        this.sourceMoveTo = request.sourceAction() == SourceAction.MOVE ? client.source.resolve(request.sourceMoveTo()) : null;
        this.fileExist = settings.fileExist();
        this.afterRename = settings.afterRename();
        this.append = fileExist == FileExist.APPEND;
        this.writePath = settings.tempPrefix() == null || append ? targetPath
                : TemporaryName.of(settings.tempPrefix(), targetPath, attempt);
        TransferRequest.Listed listed = request.listed();
        if (listed != null && listed.sourceSize() >= 0) {
            sourceSize = listed.sourceSize();
            sizeListed = true;
        }
        this.absenceListed = listed != null && listed.absentOnTarget() && fileExist == FileExist.OVERRIDE;
        if (absenceListed) {
            before = Before.ABSENT;
        }
    }

    // --- 1. the source's size

    FtpCommand sourceSizeCommand() {
        return FtpCommand.of("SIZE", sourcePath);
    }

    /** A missing source fails; a server without SIZE (500, 502) leaves the size unknown (-1). */
    void sourceSized(FtpReply reply) {
        if (reply.code() != 213 && reply.code() != 500 && reply.code() != 502) {
            throw new FtpReplyException(Side.SOURCE, sourceSizeCommand(), reply);
        }
        sourceSize = reply.sizeValue();
        sizeListed = false;
    }

    long sourceSize() {
        return sourceSize;
    }

    boolean sourceSizeKnown() {
        return sourceSize != UNKNOWN;
    }

    /**
     * A RETR refused with 550 or 551 after SIZE found the source: the file was removed (or made unreadable) in
     * between, most often by another transfer moving the same file. Said so, rather than as a bare refusal.
     */
    FtpTransferException explain(FtpTransferException failure) {
        if (failure instanceof FtpReplyException refused && refused.side() == Side.SOURCE && refused.command() != null
                && refused.command().verb().equals("RETR") && (refused.replyCode() == 550 || refused.replyCode() == 551)
                && sourceSize >= 0) {
            return new ConcurrentTransferException(Side.SOURCE, refused.command(), refused.reply(), "The source "
                    + sourcePath + " was there a moment before (" + (sizeListed ? "listed with " : "SIZE ") + sourceSize
                    + ") but RETR answered '"
                    + refused.replyText() + "': it was removed meanwhile, most likely by another transfer of the same file; "
                    + "nothing was renamed into place");
        }
        return failure;
    }

    // --- 2. the final name before the STOR

    List<FtpCommand> probeCommands() {
        return List.of(FtpCommand.of("SIZE", targetPath), FtpCommand.of("MDTM", targetPath));
    }

    void probed(FtpReply size, FtpReply mdtm) {
        before = Before.of(size, mdtm);
    }

    /** The sync's listing of the target lacked the final name: no probe is needed before the STOR. */
    boolean absenceListed() {
        return absenceListed;
    }

    /** fileExist=Move renamed the file that was there: the final name is free now. */
    void finalMovedAway() {
        before = Before.ABSENT;
    }

    /** Whether the final name held a file before the STOR; false when it was not looked at. */
    boolean existedBefore() {
        return before != null && before.exists;
    }

    /** The final file's size before the STOR, or 0 when there was none. */
    long sizeBefore() {
        return before != null && before.exists ? Math.max(0, before.size) : 0;
    }

    // --- 3. the STOR

    FtpCommand storeCommand() {
        storeSent = true;
        return FtpCommand.of(append ? "APPE" : "STOR", writePath);
    }

    boolean storeSent() {
        return storeSent;
    }

    /**
     * The STOR's final reply; {@code started} when a 1yz came before it. The target may have created or truncated
     * the file when the transfer started, broke it off (425, 426, 451) or succeeded; a STOR refused outright (550,
     * 553, 452...) left it alone.
     */
    void stored(FtpReply reply, boolean started) {
        storeAnswered = true;
        if (started || reply.isPositive() || reply.code() == 425 || reply.code() == 426 || reply.code() == 451) {
            touched = true;
        }
    }

    /** The STOR's 1yz came: the target began writing (creating or truncating) the file. */
    void storeStarted() {
        touched = true;
    }

    /**
     * How a STOR run by someone else ended ({@link FxpTransfer}, {@link RelayTransfer}): whether the target may hold
     * bytes it wrote.
     */
    void storeEnded(boolean mayHaveWritten) {
        storeAnswered = true;
        touched |= mayHaveWritten;
    }

    // --- 4. verification by size

    FtpCommand verifyCommand() {
        return FtpCommand.of("SIZE", writePath);
    }

    /**
     * Checks the written file's SIZE against the source's (plus what an append found there). Throws when it does
     * not match, or when it cannot be checked and {@code required} (a move must be verified).
     *
     * @return whether the copy was verified; false when a server has no SIZE and it is not required
     */
    boolean verified(FtpReply reply, boolean required) {
        FtpCommand size = verifyCommand();
        if (reply.code() == 550 || reply.code() == 213 && reply.sizeValue() < 0) {
            throw new VerificationException(size, "The copy of " + sourcePath + " to " + targetPath + " cannot be "
                    + "verified: the target answers SIZE of the written file " + writePath + " with '" + reply.text()
                    + "' (was it removed by another process?); the source was kept");
        }
        if (sourceSize < 0 || reply.code() != 213) {
            if (required) {
                Side without = sourceSize < 0 ? Side.SOURCE : Side.TARGET;
                throw new VerificationException(without == Side.SOURCE ? sourceSizeCommand() : size,
                        "Cannot verify the copy of " + sourcePath + ": the " + without.label()
                                + " server does not answer SIZE; the source was kept");
            }
            return false;
        }
        long expected = (append ? sizeBefore() : 0) + sourceSize;
        if (reply.sizeValue() != expected) {
            throw mismatch("the source has " + sourceSize + " bytes, the target " + (reply.sizeValue() - (expected - sourceSize)),
                    size);
        }
        return true;
    }

    VerificationException mismatch(String what, FtpCommand command) {
        return new VerificationException(command, "The copy of " + sourcePath + " to " + targetPath
                + " does not match: " + what + "; the source was kept");
    }

    // --- 5. the rename

    boolean needsRename() {
        return !writePath.equals(targetPath);
    }

    List<FtpCommand> renameCommands() {
        return List.of(FtpCommand.of("RNFR", writePath), FtpCommand.of("RNTO", targetPath));
    }

    /** RNFR must answer 350 (RFC 959 section 4.2); a refused RNTO is looked into before anything else. */
    Next renamed(FtpReply rnfr, FtpReply rnto) {
        List<FtpCommand> commands = renameCommands();
        if (rnfr.code() != 350) {
            throw new FtpReplyException(Side.TARGET, commands.get(0), rnfr);
        }
        if (rnto.isPositive()) {
            renamed = true;
            return Next.DONE;
        }
        refusedRnto = commands.get(1);
        refusedReply = rnto;
        return Next.CHECK;
    }

    List<FtpCommand> checkCommands() {
        return probeCommands();
    }

    /**
     * Why RNTO was refused. Some servers refuse to rename onto an existing file (Apache FtpServer: 553): with
     * fileExist=Override, a file that is still the one seen before the STOR may be deleted and the rename tried
     * once more. A file that appeared or changed meanwhile was written by another transfer, which is never
     * deleted: the attempt fails naming the race.
     */
    Next checked(FtpReply size, FtpReply mdtm) {
        Before now = Before.of(size, mdtm);
        if (!now.exists && before != null && before.exists && !replaced) {
            // Apache FtpServer refused because the file seen before was still there; it is gone now, removed by
            // another transfer replacing it (its own DELE before its rename), which is about to rename its copy in.
            throw new ConcurrentTransferException(Side.TARGET, refusedRnto, refusedReply, "The target " + targetPath
                    + " was removed by another transfer while this one ran: this copy was not renamed onto the name that "
                    + "transfer is taking (RNTO answered '" + refusedReply.text() + "'), its temporary file is removed, "
                    + "and the source was kept");
        }
        if (!now.exists || before == null) {
            // Nothing there (a plain refusal: permissions, a bad name), or nothing known of before (TryRename).
            throw new FtpReplyException(Side.TARGET, refusedRnto, refusedReply);
        }
        if (fileExist == FileExist.OVERRIDE && !replaced && before.sameFile(now)) {
            replaced = true;
            return Next.REPLACE;
        }
        String what = before.exists && !replaced
                ? "was replaced by another transfer while this one ran (it had " + before.size + " bytes, now " + now.size + ")"
                : "was created by another transfer while this one ran";
        throw new ConcurrentTransferException(Side.TARGET, refusedRnto, refusedReply, "The target " + targetPath + " "
                + what + ": this copy was not renamed onto it (RNTO answered '" + refusedReply.text()
                + "'), its temporary file is removed, and the source was kept");
    }

    /** DELE of the final name, only after {@link #checked} said it still holds the file seen before the STOR. */
    FtpCommand replaceCommand() {
        if (!replaced) {
            throw new IllegalStateException("the final name " + targetPath + " was not proven to be the old file");
        }
        return FtpCommand.of("DELE", targetPath);
    }

    /**
     * The copy passed verification (or none was asked for): written directly, it is in place now; under a
     * temporary name, it is ready to be renamed.
     */
    void copyAccepted() {
        if (!needsRename()) {
            renamed = true;
        }
    }

    // --- 6. after the rename

    /** SITE CHMOD of the final name (camel-ftp's chmod), or empty. */
    Optional<FtpCommand> chmodCommand() {
        return Optional.ofNullable(afterRename.chmod()).map(mode -> FtpCommand.of("SITE", "CHMOD " + mode + " " + targetPath));
    }

    /** A refused SITE CHMOD: the copy is verified, so it stays. */
    void chmodded(FtpReply reply) {
        if (!reply.isPositive()) {
            throw afterRenameFailed("chmod", new FtpReplyException(Side.TARGET, chmodCommand().orElseThrow(), reply));
        }
    }

    /** The STOR of the empty done file next to the final name, or empty. */
    Optional<FtpCommand> doneFileCommand() {
        return Optional.ofNullable(afterRename.doneFile()).map(done -> FtpCommand.of("STOR", done.resolve(targetPath)));
    }

    /** The typed failure of a step after the rename; nothing is cleaned up, since the copy is verified. */
    AfterRenameException afterRenameFailed(String option, FtpTransferException cause) {
        return new AfterRenameException(option, targetPath, cause);
    }

    // --- 7. the source action

    /** DELE, or RNFR/RNTO into the done directory; empty when the source is kept. */
    List<FtpCommand> sourceActionCommands() {
        return switch (request.sourceAction()) {
            case DELETE -> List.of(FtpCommand.of("DELE", sourcePath));
            case MOVE -> List.of(FtpCommand.of("RNFR", sourcePath), FtpCommand.of("RNTO", sourceMoveTo));
            case KEEP -> List.of();
        };
    }

    /**
     * The replies to {@link #sourceActionCommands}, in order. A source that cannot be deleted or moved because it is
     * gone (550; Apache FtpServer answers DELE of a missing file with 450) was most likely taken by another transfer
     * after this copy read it: the copy is in place, and the race is reported rather than hidden.
     */
    void sourceActed(List<FtpCommand> commands, List<FtpReply> replies) {
        for (int i = 0; i < commands.size(); i++) {
            FtpCommand command = commands.get(i);
            FtpReply reply = replies.get(i);
            boolean ok = command.verb().equals("RNFR") ? reply.code() == 350 : reply.isPositive();
            if (ok) {
                continue;
            }
            if (i == 0 && (reply.code() == 550 || reply.code() == 450)) {
                throw new ConcurrentTransferException(Side.SOURCE, command, reply, "The source " + sourcePath
                        + " could not be " + (request.sourceAction() == SourceAction.DELETE ? "deleted" : "moved") + " ('"
                        + reply.text() + "'): it is gone or in use, most likely taken by another transfer of the same "
                        + "file; the copy at " + targetPath + " is complete and verified");
            }
            throw new FtpReplyException(Side.SOURCE, command, reply);
        }
    }

    // --- cleanup

    /**
     * The DELE that removes what this attempt wrote, if anything: its own temporary file once its STOR may have
     * started (no one else writes that name, so when the STOR's fate is unknown it is removed anyway), or the
     * final file written directly once its STOR is known to have started. An append cannot be undone, and a file
     * renamed to its final name is not this attempt's to remove any more.
     */
    Optional<FtpCommand> cleanupCommand() {
        if (renamed || !storeSent || storeAnswered && !touched) {
            return Optional.empty();
        }
        if (append) {
            if (touched) {
                LOG.warn("The append to {} failed part-way; the appended part cannot be removed", targetPath);
            }
            return Optional.empty();
        }
        if (!needsRename() && !touched) {
            return Optional.empty();
        }
        return Optional.of(FtpCommand.of("DELE", writePath));
    }

    /** Whether a DELE's reply means the file is gone: removed now, or not there (550). */
    static boolean removed(FtpReply reply) {
        return reply.isPositive() || reply.code() == 550;
    }

    TransferResult result(Side passiveSide, FtpReply sourceReply, FtpReply targetReply, Duration duration,
            String verifiedBy, long resumedFrom, String mode) {
        long size = sourceSize < 0 ? -1 : (append ? sizeBefore() : 0) + sourceSize;
        return new TransferResult(sourcePath, targetPath, size, passiveSide, sourceReply, targetReply, duration,
                verifiedBy, request.sourceAction(), false, resumedFrom, mode);
    }
}
