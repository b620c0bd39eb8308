package io.github.ftp3p.protocol;

import java.util.ArrayList;
import java.util.List;

/** Checks and joins the paths of files on a server, which are '/'-separated whatever this host uses. */
public final class Paths {

    /** Longer names are refused: no server needs them, and some cut them silently (PATH_MAX is 4096 on Linux). */
    public static final int MAX_NAME = 4096;
    /** '/' and the backslash, which Apache FtpServer also takes for a separator. */
    private static final String SEPARATORS = "[/\\\\]";

    private Paths() {
    }

    /**
     * Returns {@code name} if it is safe to send and stays in the endpoint's directory: relative (no leading
     * {@code /} or backslash), no {@code ..} segment, no control character. A backslash counts as a separator
     * here, since Apache FtpServer takes it for one: {@code ..\secret.txt} climbs out there.
     */
    public static String requireContained(String field, String name) {
        Arguments.requireSafeName(field, name);
        if (name.length() > MAX_NAME) {
            throw new UnsafeArgumentException(field, "is " + name.length() + " characters long, more than " + MAX_NAME);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new UnsafeArgumentException(field, String.format("must not contain the control character U+%04X"
                        + " (at index %d)", (int) c, i));
            }
        }
        if (name.charAt(0) == '/' || name.charAt(0) == '\\') {
            throw new UnsafeArgumentException(field, "must be relative to the endpoint's directory, not start with '"
                    + name.charAt(0) + "': '" + name + "'");
        }
        for (String segment : name.split(SEPARATORS, -1)) {
            if (segment.equals("..")) {
                throw new UnsafeArgumentException(field, "must not contain a '..' segment (with '/' or a backslash, "
                        + "which some servers take for a separator), which would leave the endpoint's directory: '"
                        + name + "'");
            }
        }
        return name;
    }

    /**
     * The segments of {@code path} as a server may see them: split at '/' and at backslashes, without empty and
     * {@code .} segments, each {@code ..} taking away the segment before it (kept when there is none).
     */
    public static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split(SEPARATORS)) {
            if (segment.equals("..") && !segments.isEmpty() && !segments.get(segments.size() - 1).equals("..")) {
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The directory part of a path, or "" when it has none. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last segment of a path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code name} in {@code directory}. */
    public static String join(String directory, String name) {
        if (directory.isEmpty()) {
            return name;
        }
        return directory.endsWith("/") ? directory + name : directory + '/' + name;
    }
}
