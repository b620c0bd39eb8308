package io.github.ftp3p.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** The files the scenarios copy, written and checked on the local disk behind the servers. */
final class Fixtures {

    private Fixtures() {
    }

    /** The i-th of a set of small files: {@code f-0042.bin}. */
    static String name(String prefix, int i) {
        return String.format("%s%04d.bin", prefix, i);
    }

    /** Creates the directory (and its missing parents) writable by the servers' users. */
    static Path directory(Path dir) {
        try {
            if (dir.getParent() != null && !Files.isDirectory(dir.getParent())) {
                directory(dir.getParent());
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of pseudo-random bytes (incompressible, so that nobody gains from compression). */
    static void randomFile(Path file, long size, long seed) {
        Random random = new Random(seed);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} files of {@code size} bytes named {@link #name}. */
    static void smallFiles(Path dir, String prefix, int count, int size) {
        directory(dir);
        for (int i = 0; i < count; i++) {
            randomFile(dir.resolve(name(prefix, i)), size, i);
        }
    }

    /** A hard link to {@code existing} (one copy of a large file serves every server pair). */
    static void link(Path link, Path existing) {
        try {
            Files.deleteIfExists(link);
            Files.createLink(link, existing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Empties a directory by moving its entries into a new directory under {@code under} (on the same file system,
     * deleted with the work directory at the end) rather than deleting them. On ext4 every file created after many
     * were deleted costs a scan past the recently deleted inodes (the kernel keeps them from reuse for up to 5
     * minutes): {@code perf} showed {@code recently_deleted} and {@code find_get_block_common} as half of the
     * target vsftpd's CPU in a 1 ms tree sync, a cost of the disk, not of the protocol, that fell on whichever
     * client ran next.
     */
    static void moveAside(Path dir, Path under) {
        try {
            Path aside = Files.createTempDirectory(Files.createDirectories(under), "run");
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Files.move(entry, aside.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the entries of " + dir + " aside", e);
        }
    }

    /** Deletes every file in the directory, hidden temporary files too; keeps the directory. */
    static void clear(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                deleteTree(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many files in the directory have exactly {@code size} bytes and a name starting with {@code prefix}. */
    static long count(Path dir, String prefix, long size) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> size(f) == size).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
