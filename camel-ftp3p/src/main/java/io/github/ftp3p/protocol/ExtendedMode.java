package io.github.ftp3p.protocol;

/** When to use EPSV/EPRT (RFC 2428) instead of PASV/PORT. */
public enum ExtendedMode {

    /** EPSV/EPRT when either control connection is IPv6 (PASV and PORT cannot carry an IPv6 address). */
    AUTO,
    ALWAYS,
    NEVER;

    public boolean useExtended(ControlConnection passive, ControlConnection active) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> passive.isIpv6() || active.isIpv6();
        };
    }
}
