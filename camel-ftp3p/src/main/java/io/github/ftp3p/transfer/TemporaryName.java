package io.github.ftp3p.transfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.github.ftp3p.protocol.Paths;

/**
 * The name a copy is written under before it is verified and renamed: {@code prefix + name + "." + attempt},
 * in the final file's directory. The attempt part is unique per exchange, so two transfers of one file (two
 * routes, two nodes) never write, truncate or delete each other's temporary file, while a redelivery of the same
 * exchange finds its own partial file to resume from. The suffix keeps the final name's extension off the
 * temporary file, so that a consumer on the target that selects files by extension does not pick it up.
 * <p>
 * Most file systems and servers allow 255 bytes per name (NAME_MAX on Linux, also ext4, XFS, NTFS): when prefix,
 * name and attempt together would be longer, the name is cut at a character boundary and a hash of the whole
 * name put in its place, so that two long names that start alike still get different temporary names.
 */
public final class TemporaryName {

    /** Bytes a name may have on most servers' file systems. */
    public static final int NAME_MAX_BYTES = 255;
    private static final int HASH_CHARS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryName() {
    }

    /** A new attempt identifier: 8 hex digits, random (32 bits), so that two attempts practically never collide. */
    public static String newAttempt() {
        return HexFormat.of().toHexDigits(RANDOM.nextInt());
    }

    /** What every temporary name made with {@code prefix} matches, whatever its attempt. */
    public static Pattern pattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + ".+\\.[0-9a-f]{8}");
    }

    /** The temporary path for {@code finalPath}, in the same directory. */
    public static String of(String prefix, String finalPath, String attempt) {
        String name = Paths.name(finalPath);
        String suffix = "." + attempt;
        int room = NAME_MAX_BYTES - bytes(prefix) - bytes(suffix);
        String body = bytes(name) <= room ? name : shortened(name, room);
        return Paths.join(Paths.parent(finalPath), prefix + body + suffix);
    }

    /** The first part of {@code name} that fits, then "~" and a hash of the whole name, within {@code room} bytes. */
    private static String shortened(String name, int room) {
        String hash = "~" + sha256(name).substring(0, HASH_CHARS);
        int keep = room - hash.length();
        StringBuilder head = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = bytes(new String(Character.toChars(codePoint)));
            if (used + size > keep) {
                break;
            }
            head.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return head + hash;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
