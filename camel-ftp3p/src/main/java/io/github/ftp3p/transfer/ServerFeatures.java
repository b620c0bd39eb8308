package io.github.ftp3p.transfer;

import java.util.Locale;
import java.util.Map;

import io.github.ftp3p.protocol.FtpReply;

/**
 * What a server's FEAT reply (RFC 2389) says it offers, as far as transfers care.
 *
 * @param hashes     the command for each hash algorithm it computes
 * @param restStream REST in stream mode (RFC 3659 section 5), needed to resume
 * @param sscn       SSCN: the server can be the TLS client of a data connection (secure FXP)
 * @param cpsv       CPSV (glFTPd): PASV after which this server is the TLS client of the data connection
 */
record ServerFeatures(Map<HashAlgorithm, String> hashes, boolean restStream, boolean sscn, boolean cpsv) {

    static final ServerFeatures NONE = new ServerFeatures(Map.of(), false, false, false);

    static ServerFeatures of(FtpReply feat) {
        if (!feat.isPositive()) {
            return NONE;
        }
        return new ServerFeatures(HashAlgorithm.offeredBy(feat), lists(feat, "REST STREAM"), lists(feat, "SSCN"),
                lists(feat, "CPSV"));
    }

    private static boolean lists(FtpReply feat, String feature) {
        return feat.lines().stream().map(l -> l.trim().toUpperCase(Locale.ROOT)).anyMatch(l -> l.equals(feature));
    }
}
