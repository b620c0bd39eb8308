package io.github.ftp3p.protocol;

/** Checks on every value that ends up in a command line, so that a bad one is refused before it is sent. */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Returns {@code value} if it holds no CR, LF or NUL.
     *
     * @param field the option or header the value came from, named in the error
     */
    public static String requireSafe(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new UnsafeArgumentException(field, "must not contain " + describe(c) + " (at index " + i
                        + "): it would end the FTP command line");
            }
        }
        return value;
    }

    /** Returns {@code value} if it is safe and not empty. */
    public static String requireSafeName(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new UnsafeArgumentException(field, "must not be empty");
        }
        return requireSafe(field, value);
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            default -> "NUL";
        };
    }
}
