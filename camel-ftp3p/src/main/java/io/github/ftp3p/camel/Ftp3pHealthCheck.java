package io.github.ftp3p.camel;

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
        // The endpoint URI with its passwords masked: unique per endpoint, and safe to show.
        super("camel", "producer:" + URISupport.sanitizeUri(endpoint.getEndpointUri()));
        this.endpoint = endpoint;
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
