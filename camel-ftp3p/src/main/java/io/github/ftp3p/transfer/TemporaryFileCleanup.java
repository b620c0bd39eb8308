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
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.NameListing;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.RemoteEntry;
import io.github.ftp3p.protocol.Side;
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
 * Walks the tree breadth first ({@link Names}), down to {@code maxDepth} levels, deleting in each directory as
 * {@link #deleteOld} says. A listing refused fails the operation (a missing directory lists as empty on Apache
 * FtpServer and vsftpd: nothing to delete).
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
        List<String> deleted = new ArrayList<>();
        Deque<Level> pending = new ArrayDeque<>(List.of(new Level(client.target.directory(), 0)));
        while (!pending.isEmpty()) {
            Level level = pending.poll();
            Names found = Names.of(client, target, level.path);
            if (level.depth < maxDepth) {
                found.directories().forEach(name -> pending.add(new Level(join(level.path, name), level.depth + 1)));
            }
            deleted.addAll(deleteOld(target, level.path, found.files(), temporary, minimumAge, Instant.now()));
        }
        return deleted;
    }

    /**
     * Deletes those of {@code names} in {@code directory} that match {@code temporary} and are at least
     * {@code minimumAge} old by MDTM (not asked for a minimum age of 0; a file without a time is kept). A DELE refused,
     * because the file was renamed into place or removed meanwhile, is skipped.
     *
     * @return the paths deleted
     */
    static List<String> deleteOld(ControlConnection target, String directory, Set<String> names, Pattern temporary,
            Duration minimumAge, Instant now) {
        List<String> deleted = new ArrayList<>();
        for (String name : names) {
            if (!temporary.matcher(name).matches()) {
                continue;
            }
            String path = join(directory, name);
            Instant modified = minimumAge.isZero() ? null
                    : StaleTemporaryFiles.modified(target.execute(FtpCommand.of("MDTM", path)));
            if (!minimumAge.isZero() && (modified == null || Duration.between(modified, now).compareTo(minimumAge) < 0)) {
                continue;
            }
            if (target.execute(FtpCommand.of("DELE", path)).isPositive()) {
                LOG.info("Deleted the temporary file {} (last modified {}, at least {} old)", path,
                        modified == null ? "not asked" : modified, minimumAge);
                deleted.add(path);
            }
        }
        return deleted;
    }

    private static String join(String directory, String name) {
        return directory.isEmpty() ? name : Paths.join(directory, name);
    }

    private record Level(String path, int depth) {
    }

    /**
     * The files and directories of one target directory: MLSD (RFC 3659) or LIST, plus the names NLST -a gives when
     * the prefix starts with a dot. MLSD and LIST leave such names out on Apache FtpServer and vsftpd, where NLST -a
     * shows them; Pure-FTPd's and pyftpdlib's MLSD shows them, and they refuse NLST -a of a subdirectory (550),
     * which reads as no names.
     */
    record Names(Set<String> files, List<String> directories) {

        static Names of(FxpClient client, ControlConnection target, String directory) {
            Set<String> files = new LinkedHashSet<>();
            List<String> directories = new ArrayList<>();
            for (RemoteEntry entry : client.listDirectory(Side.TARGET, target, directory).entries()) {
                if (entry.kind() == RemoteEntry.Kind.DIRECTORY) {
                    directories.add(entry.name());
                } else if (entry.kind() == RemoteEntry.Kind.FILE) {
                    files.add(entry.name());
                }
            }
            if (client.settings.tempPrefix().startsWith(".")) {
                files.addAll(NameListing.names(client.passiveData(), target, directory, client.settings.tls(Side.TARGET),
                        true));
            }
            return new Names(files, directories);
        }
    }
}
