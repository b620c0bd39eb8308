package io.github.ftp3p.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.DirectoryListing;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.NameListing;
import io.github.ftp3p.protocol.PassiveData;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.RemoteEntry;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleanup operation: deletes the temporary files of this component (tempPrefix + name + "." + 8 hex digits,
 * {@link TemporaryName}) under the target directory that are at least {@code minimumAge} old, as a route calls it
 * when it takes over from a node that died mid-transfer. Unlike the sweep of {@link StaleTemporaryFiles}, which runs
 * beside live transfers of other nodes and so keeps a wide margin, the caller knows who else may be writing: a new
 * leader (active/passive) may delete every one (minimum age 0), competing nodes only those older than their longest
 * transfer. A file deleted while another node still writes it costs that node its transfer (its rename fails, its
 * source is kept), never a file.
 * <p>
 * Walks the tree breadth first ({@link Names}), down to {@code maxDepth} levels; asks MDTM of each temporary name only when a minimum age is set. A listing refused fails
 * the operation (a missing directory lists as empty on Apache FtpServer and vsftpd: nothing to delete); a DELE
 * refused (the file was renamed into place or removed meanwhile) is skipped.
 */
final class TemporaryFileCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(TemporaryFileCleanup.class);

    private final FxpClient client;
    private final Pattern temporary;
    private final Duration minimumAge;
    private final int maxDepth;

    TemporaryFileCleanup(FxpClient client, Duration minimumAge, int maxDepth) {
        this.client = client;
        this.temporary = TemporaryName.pattern(client.settings.tempPrefix());
        this.minimumAge = minimumAge;
        this.maxDepth = maxDepth;
    }

    /** The paths deleted, in the order they were found. */
    List<String> run(ControlConnection target) {
        FxpSettings settings = client.settings;
        PassiveData data = new PassiveData(settings.transfer(), settings.connection().socketFactory(),
                settings.connection().replyTimeout());
        ServerProfile profile = client.profile(Side.TARGET, target);
        boolean mlsd = profile.features(target).mlsd();
        String systemType = mlsd ? null : profile.systemType(target);
        boolean hidden = settings.tempPrefix().startsWith(".");
        List<String> deleted = new ArrayList<>();
        Deque<Level> pending = new ArrayDeque<>(List.of(new Level(client.target.directory(), 0)));
        while (!pending.isEmpty()) {
            Level level = pending.poll();
            Names found = Names.of(data, target, level.path, settings.tls(Side.TARGET), mlsd, systemType, hidden);
            if (level.depth < maxDepth) {
                found.directories().forEach(name -> pending.add(new Level(join(level.path, name), level.depth + 1)));
            }
            Set<String> names = found.files();
            for (String name : names) {
                String path = join(level.path, name);
                if (temporary.matcher(name).matches() && oldEnough(target, path)
                        && target.execute(FtpCommand.of("DELE", path)).isPositive()) {
                    LOG.info("Deleted the temporary file {} (cleanup, tempFileMaxAge={})", path, minimumAge);
                    deleted.add(path);
                }
            }
        }
        return deleted;
    }

    private static String join(String directory, String name) {
        return directory.isEmpty() ? name : Paths.join(directory, name);
    }

    private boolean oldEnough(ControlConnection target, String path) {
        if (minimumAge.isZero()) {
            return true;
        }
        FtpReply mdtm = target.execute(FtpCommand.of("MDTM", path));
        Instant modified = StaleTemporaryFiles.modified(mdtm);
        return modified != null && Duration.between(modified, Instant.now()).compareTo(minimumAge) >= 0;
    }

    private record Level(String path, int depth) {
    }

    /**
     * The files and directories of one directory: MLSD (RFC 3659) or LIST, plus the names NLST -a gives when the
     * prefix starts with a dot. MLSD and LIST leave such names out on Apache FtpServer and vsftpd, where NLST -a
     * shows them; Pure-FTPd's and pyftpdlib's MLSD shows them, and they refuse NLST -a of a subdirectory (550),
     * which reads as no names.
     */
    record Names(Set<String> files, List<String> directories) {

        static Names of(PassiveData data, ControlConnection target, String directory, TlsSettings tls, boolean mlsd,
                String systemType, boolean hidden) {
            Set<String> files = new LinkedHashSet<>();
            List<String> directories = new ArrayList<>();
            for (RemoteEntry entry : DirectoryListing.of(data, target, directory, tls, mlsd, systemType).entries()) {
                if (entry.kind() == RemoteEntry.Kind.DIRECTORY) {
                    directories.add(entry.name());
                } else if (entry.kind() == RemoteEntry.Kind.FILE) {
                    files.add(entry.name());
                }
            }
            if (hidden) {
                files.addAll(NameListing.names(data, target, directory, tls, true));
            }
            return new Names(files, directories);
        }
    }
}
