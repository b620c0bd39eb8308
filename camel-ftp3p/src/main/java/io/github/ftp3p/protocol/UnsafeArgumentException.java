package io.github.ftp3p.protocol;

/**
 * An argument that must never reach a server: a CR or LF would end the command line and start a new
 * command (CRLF injection, RFC 959 section 4.1.3 ends every command with CRLF), and a NUL is cut short
 * by C servers. Thrown before anything is sent.
 */
public final class UnsafeArgumentException extends IllegalArgumentException {

    private final String field;

    public UnsafeArgumentException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The name of the option, header or command argument that was refused. */
    public String field() {
        return field;
    }
}
