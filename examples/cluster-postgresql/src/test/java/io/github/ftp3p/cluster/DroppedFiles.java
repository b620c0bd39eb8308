package io.github.ftp3p.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The files a partner drops into the source directory, each written under a hidden name (camel-ftp lists no name
 * starting with a dot) and renamed into place, as an upload that ends in a rename does; remembered by SHA-256.
 */
final class DroppedFiles {

    private final Path directory;
    private final Map<String, String> sha256 = new LinkedHashMap<>();
    private long bytes;

    DroppedFiles(Path directory) {
        this.directory = directory;
    }

    void drop(String name, long size) throws IOException {
        Path part = directory.resolve(".part-" + name);
        MessageDigest digest = sha256();
        Random random = new Random(name.hashCode());
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
        Files.move(part, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        sha256.put(name, HexFormat.of().formatHex(digest.digest()));
        bytes += size;
    }

    Map<String, String> sha256ByName() {
        return sha256;
    }

    long bytes() {
        return bytes;
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
