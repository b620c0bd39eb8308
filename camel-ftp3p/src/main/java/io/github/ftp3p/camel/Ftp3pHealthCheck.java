package io.github.ftp3p.camel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.ftp3p.protocol.FtpTransferException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.URISupport;

/**
 * A producer health check: both servers of an endpoint accept a login now (a new connection to each, not a
 * pooled one). Registered in Camel's "producers" health-check repository, which is off unless
 * {@code camel.health.producersEnabled=true}.
 */
final class Ftp3pHealthCheck extends AbstractHealthCheck {

    private final Ftp3pEndpoint endpoint;

    Ftp3pHealthCheck(Ftp3pEndpoint endpoint) {
        super("camel", "producer:" + id(endpoint.getEndpointUri()));
        this.endpoint = endpoint;
    }

    /**
     * The endpoint URI with its secrets masked, then decoded: unique per endpoint, safe to show, and readable
     * (Camel's normalised URI writes source=ftp%3A%2F%2Fhost%3A21...). Camel's sanitizer reads a user in a server
     * URI (source=ftp://user@host:21/dir) as the user:password of the whole URI and masks everything from the
     * host to the next at sign, the other server's included; with the at signs percent-encoded first it masks only
     * the options named like secrets, and the hosts and ports stay.
     */
    static String id(String endpointUri) {
        String sanitized = URISupport.sanitizeUri(endpointUri.replace("@", "%40"));
        try {
            return URLDecoder.decode(sanitized.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            // A lone '%' that is no escape: the sanitized form is still unique and safe, only less readable.
            return sanitized;
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("source", endpoint.sourceIdentity());
        builder.detail("target", endpoint.targetIdentity());
        try {
            endpoint.client().checkLogins();
            builder.up();
        } catch (FtpTransferException e) {
            if (e.side() != null) {
                builder.detail("failed.side", e.side().label());
            }
            builder.message(e.getMessage());
            builder.error(e);
            builder.down();
        }
    }
}
