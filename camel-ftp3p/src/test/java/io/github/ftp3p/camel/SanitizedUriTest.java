package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lines people debug with (route-startup errors, health-check ids) name both servers' host and port, and no
 * secret, for the documented URI style (users in sourceUsername and targetUsername).
 */
class SanitizedUriTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private String sourceHostAndPort() {
        return "127.0.0.1:" + servers.source().port();
    }

    private String targetHostAndPort() {
        return "127.0.0.1:" + servers.target().port();
    }

    /** The style the README used before: a user inside each server URI. */
    private String uriWithUsersInTheServerUris() {
        return "ftp3p:copy?source=" + servers.source().uri("outbox") + "&sourcePassword=RAW(" + servers.source().password()
                + ")&target=" + servers.target().uri("inbox") + "&targetPassword=RAW(" + servers.target().password() + ")";
    }

    @Test
    void camelsSanitizerLosesTheSourceHostWhenTheServerUrisCarryAUserWhichIsWhyTheDocsUseTheUsernameOptions() {
        String sanitized = URISupport.sanitizeUri(uriWithUsersInTheServerUris());

        assertThat(sanitized).doesNotContain(sourceHostAndPort()).contains("@127.0.0.1:xxxxxx@");
        assertThat(URISupport.sanitizeUri(servers.uri("copy", ""))).contains(sourceHostAndPort(), targetHostAndPort());
    }

    @Test
    void aRouteThatFailsToStartNamesBothServersHostAndPortAndNoSecret() {
        assertThatThrownBy(() -> servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bad").routeId("bad").to(servers.uri("copy", "maxConnections=0"));
            }
        })).satisfies(e -> assertThat(e.getMessage())
                .contains(sourceHostAndPort(), targetHostAndPort(), "maxConnections")
                .doesNotContain(servers.source().password(), servers.target().password()));
    }

    @Test
    void healthCheckIdsNameBothServersHostAndPortInEitherUriStyle() throws Exception {
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:documented").to(servers.uri("copy", ""));
                from("direct:users").to(uriWithUsersInTheServerUris());
            }
        });
        HealthCheckRegistry registry = HealthCheckRegistry.get(servers.camel());
        registry.getRepository("producers").orElseThrow().setEnabled(true);
        // Every check's own result, not only the DOWN ones.
        registry.setExposureLevel("full");

        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(servers.camel());

        assertThat(results).filteredOn(r -> r.getCheck().getId().startsWith("producer:ftp3p"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getCheck().getId())
                        .contains(sourceHostAndPort(), targetHostAndPort())
                        .doesNotContain(servers.source().password(), servers.target().password()));
    }
}
