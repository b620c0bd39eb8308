package io.github.ftp3p.transfer;

/** What to do when FXP fails in every orientation. */
public enum Fallback {

    /** Fail: the data never passes this host. */
    NONE,
    /**
     * Stream the data through this host with a fixed buffer (no temporary files), as lftp does unless
     * ftp:fxp-force is set; logged at WARN once per server pair, and reported in the result's mode.
     */
    RELAY
}
