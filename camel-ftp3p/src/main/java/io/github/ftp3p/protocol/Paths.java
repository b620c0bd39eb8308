package io.github.ftp3p.protocol;

/** Checks and joins the paths of files on a server, which are '/'-separated whatever this host uses. */
public final class Paths {

    /** Longer names are refused: no server needs them, and some cut them silently (PATH_MAX is 4096 on Linux). */
    public static final int MAX_NAME = 4096;

    private Paths() {
    }

    /**
     * Returns {@code name} if it is safe to send and does not climb out of the endpoint's directory with a
     * {@code ..} segment.
     */
    public static String requireContained(String field, String name) {
        Arguments.requireSafeName(field, name);
        if (name.length() > MAX_NAME) {
            throw new UnsafeArgumentException(field, "is " + name.length() + " characters long, more than " + MAX_NAME);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                throw new UnsafeArgumentException(field, "must not contain a '..' segment, which would leave the "
                        + "endpoint's directory: '" + name + "'");
            }
        }
        return name;
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
