package io.github.ftp3p.transfer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;

/**
 * The hashes FTP servers compute for a file, strongest first, and the commands that ask for them:
 * {@code HASH} (draft-ietf-ftpext2-hash, chosen with {@code OPTS HASH}), and the vendor commands
 * {@code XSHA256}, {@code XSHA1}, {@code XMD5} and Apache FtpServer's {@code MD5}.
 */
public enum HashAlgorithm {

    SHA_256("SHA-256", "XSHA256", 64),
    SHA_1("SHA-1", "XSHA1", 40),
    MD5("MD5", "XMD5", 32);

    private final String hashName;
    private final String vendorCommand;
    private final int hexLength;

    HashAlgorithm(String hashName, String vendorCommand, int hexLength) {
        this.hashName = hashName;
        this.vendorCommand = vendorCommand;
        this.hexLength = hexLength;
    }

    /**
     * The command a server offers for each algorithm, read from its FEAT reply (RFC 2389): "HASH" when the
     * HASH command lists it, else the vendor command (XSHA256, XSHA1, XMD5 or MD5).
     */
    public static Map<HashAlgorithm, String> offeredBy(FtpReply feat) {
        Map<HashAlgorithm, String> offered = new EnumMap<>(HashAlgorithm.class);
        for (String raw : feat.lines()) {
            String line = raw.trim().toUpperCase(Locale.ROOT);
            for (HashAlgorithm algorithm : values()) {
                if (line.startsWith("HASH ") && line.contains(algorithm.hashName)) {
                    offered.put(algorithm, "HASH");
                } else if (line.equals(algorithm.vendorCommand) || algorithm == MD5 && line.equals("MD5")) {
                    offered.putIfAbsent(algorithm, line);
                }
            }
        }
        return offered;
    }

    /** The commands that ask for this hash of {@code path} with {@code verb}, the last one answering it. */
    public List<FtpCommand> commands(String verb, String path) {
        if ("HASH".equals(verb)) {
            return List.of(FtpCommand.of("OPTS", "HASH " + hashName), FtpCommand.of("HASH", path));
        }
        return List.of(FtpCommand.of(verb, path));
    }

    /** The strongest algorithm both servers offer. */
    public static Optional<HashAlgorithm> strongestCommon(Map<HashAlgorithm, ?> a, Map<HashAlgorithm, ?> b) {
        for (HashAlgorithm algorithm : values()) {
            if (a.containsKey(algorithm) && b.containsKey(algorithm)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /**
     * The hash in a reply: {@code 213 SHA-256 0-49 <hex> name} (HASH), {@code 213 <hex>} (XSHA*),
     * {@code 251 name <hex>} (MD5, XMD5). The token of this algorithm's length in hex that is not the file's
     * own name.
     */
    public Optional<String> hashIn(FtpReply reply, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<String> candidates = new ArrayList<>();
        for (String token : reply.text().substring(Math.min(4, reply.text().length())).split("\\s+")) {
            if (token.length() == hexLength && token.chars().allMatch(c -> Character.digit(c, 16) >= 0) && !token.equals(name)) {
                candidates.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    public String hashName() {
        return hashName;
    }
}
