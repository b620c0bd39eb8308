package io.github.ftp3p.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a directory listing.
 *
 * @param name      the entry's name within its directory (never "." or "..")
 * @param kind      a file, a directory, or something else (a symbolic link, a device), which a tree copy skips
 * @param size      its size in bytes, or -1 when the listing does not say
 * @param modified  its modification time, or null when the listing does not say
 * @param exactTime the time is exact to the second (MLSD's {@code modify} fact, RFC 3659 section 7.5.3), not the
 *                  minute or day of a LIST line, whose time zone is the server's
 */
public record RemoteEntry(String name, Kind kind, long size, Instant modified, boolean exactTime) {

    public enum Kind { FILE, DIRECTORY, OTHER }


    public RemoteEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
