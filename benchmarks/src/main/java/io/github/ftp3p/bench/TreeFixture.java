package io.github.ftp3p.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tree the tree scenario mirrors: {@code files} files of {@code size} bytes spread evenly over {@code directories}
 * directories, the root and {@code d01}, {@code d02}... below it, so that a sync lists exactly that many directories
 * on each side. Checked on the local disks behind the servers.
 */
record TreeFixture(int files, int directories, int size) {

    /** Writes the tree under {@code root} (which it creates). */
    void write(Path root) {
        for (int d = 0; d < directories; d++) {
            Path dir = Fixtures.directory(d == 0 ? root : root.resolve(directory(d)));
            int from = d * files / directories;
            int to = (d + 1) * files / directories;
            for (int i = from; i < to; i++) {
                Fixtures.randomFile(dir.resolve(Fixtures.name(ManyFilesScenario.PREFIX, i)), size, i);
            }
        }
    }

    static String directory(int d) {
        return String.format("d%02d", d);
    }

    /**
     * Every file and directory under {@code root}, by relative path: the size, modification time and inode of each
     * file, so that two snapshots differ if a file was written again or replaced (a temporary name renamed over it).
     */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String key = root.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    entries.put(key + "/", "");
                } else {
                    Map<String, Object> a = Files.readAttributes(p, "unix:size,lastModifiedTime,ino");
                    entries.put(key, a.get("size") + " " + a.get("lastModifiedTime") + " " + a.get("ino"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Fails unless the target holds every directory and file of the fixture, with the right size, and nothing else. */
    void expectCopied(Path target) {
        Map<String, String> found = snapshot(target);
        long dirs = found.keySet().stream().filter(k -> k.endsWith("/")).count();
        long good = found.entrySet().stream().filter(e -> !e.getKey().endsWith("/"))
                .filter(e -> e.getValue().startsWith(size + " ")).count();
        if (dirs != directories - 1 || good != files || found.size() != files + directories - 1) {
            throw new IllegalStateException("expected " + files + " files of " + size + " bytes in " + directories
                    + " directories under " + target + ", found " + good + " such files, " + (dirs + 1)
                    + " directories and " + found.size() + " entries");
        }
    }
}
