package io.github.ftp3p.protocol;

import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * FTPS on one side (RFC 4217): TLS on the control connection, explicit (AUTH TLS after the greeting) or
 * implicit (TLS from the first byte), the server's certificate verified by {@code context} including its host
 * name or address; and the protection of data connections, PROT P (private) or PROT C (clear).
 */
public record TlsSettings(SSLContext context, boolean implicit, boolean privateData) {

    public TlsSettings {
        Objects.requireNonNull(context, "context");
    }
}
