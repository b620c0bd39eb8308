package io.github.ftp3p.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * SHA-512 {@code crypt(3)} ({@code $6$salt$hash}, 5000 rounds), the format of {@code openssl passwd -6}, following
 * Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" specification.
 *
 * <p>Why it exists: ProFTPD's {@code AuthUserFile} and Pure-FTPd's puredb accept this hash, and it verifies in
 * microseconds, whereas {@code pure-pw}'s default argon2id costs 1-2 s of CPU per login. Computing it here avoids
 * running {@code openssl} for every server start.
 */
final class Sha512Crypt {

    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ROUNDS = 5000;
    private static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sha512Crypt() {
    }

    /** Hashes {@code password} with a fresh random 16-character salt. */
    static String hash(String password) {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) {
            salt.append(ITOA64.charAt(RANDOM.nextInt(ITOA64.length())));
        }
        return hash(password, salt.toString());
    }

    /**
     * Hashes {@code password} with {@code salt} (at most 16 characters are used; it must not contain {@code $}).
     */
    static String hash(String password, String salt) {
        if (salt.indexOf('$') >= 0 || salt.indexOf(':') >= 0) {
            throw new IllegalArgumentException("salt must not contain '$' or ':'");
        }
        String usedSalt = salt.length() > SALT_LENGTH ? salt.substring(0, SALT_LENGTH) : salt;
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] s = usedSalt.getBytes(StandardCharsets.UTF_8);
        MessageDigest md = sha512();

        md.update(p);
        md.update(s);
        md.update(p);
        byte[] b = md.digest();

        md.update(p);
        md.update(s);
        int i;
        for (i = p.length; i > 64; i -= 64) {
            md.update(b, 0, 64);
        }
        md.update(b, 0, i);
        for (i = p.length; i > 0; i >>= 1) {
            if ((i & 1) != 0) {
                md.update(b);
            } else {
                md.update(p);
            }
        }
        byte[] a = md.digest();

        for (i = 0; i < p.length; i++) {
            md.update(p);
        }
        byte[] dp = md.digest();
        byte[] pSeq = repeat(dp, p.length);

        for (i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(s);
        }
        byte[] ds = md.digest();
        byte[] sSeq = repeat(ds, s.length);

        byte[] c = a;
        for (int r = 0; r < ROUNDS; r++) {
            if ((r & 1) != 0) {
                md.update(pSeq);
            } else {
                md.update(c);
            }
            if (r % 3 != 0) {
                md.update(sSeq);
            }
            if (r % 7 != 0) {
                md.update(pSeq);
            }
            if ((r & 1) != 0) {
                md.update(c);
            } else {
                md.update(pSeq);
            }
            c = md.digest();
        }

        StringBuilder out = new StringBuilder("$6$").append(usedSalt).append('$');
        for (i = 0; i < 21; i++) {
            int x = c[i] & 0xff;
            int y = c[i + 21] & 0xff;
            int z = c[i + 42] & 0xff;
            switch (i % 3) {
                case 0 -> encode(out, x, y, z, 4);
                case 1 -> encode(out, y, z, x, 4);
                default -> encode(out, z, x, y, 4);
            }
        }
        encode(out, 0, 0, c[63] & 0xff, 2);
        return out.toString();
    }

    private static byte[] repeat(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % digest.length];
        }
        return out;
    }

    private static void encode(StringBuilder out, int b2, int b1, int b0, int n) {
        int w = (b2 << 16) | (b1 << 8) | b0;
        for (int i = 0; i < n; i++) {
            out.append(ITOA64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }
}
