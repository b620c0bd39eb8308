package io.github.ftp3p.protocol;

import java.util.Locale;

/** The two servers of a third-party transfer: the one the file is read from and the one it is written to. */
public enum Side {
    SOURCE,
    TARGET;

    /** The other server of the pair. */
    public Side other() {
        return this == SOURCE ? TARGET : SOURCE;
    }

    /** Lower-case name for messages: "source", "target". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
