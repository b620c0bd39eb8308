package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.ftp3p.protocol.Side;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Named servers, component-level defaults, the producer health check and the JMX attributes. */
class EcosystemTest {

    @RegisterExtension
    final FtpServerPair servers = new FtpServerPair();

    private void bindServers(String targetPassword) {
        Ftp3pServer partner = new Ftp3pServer();
        partner.setHost("127.0.0.1");
        partner.setPort(servers.source().port());
        partner.setUsername(servers.source().user());
        partner.setPassword(servers.source().password());
        partner.setDirectory("outbox");
        Ftp3pServer ingest = new Ftp3pServer();
        ingest.setHost("127.0.0.1");
        ingest.setPort(servers.target().port());
        ingest.setUsername(servers.target().user());
        ingest.setPassword(targetPassword);
        servers.camel().getRegistry().bind("partnerA", partner);
        servers.camel().getRegistry().bind("ingest", ingest);
    }

    @Test
    void aServerDefinedOnceAsABeanIsReferencedFromTheUriByName() throws Exception {
        bindServers(servers.target().password());
        Path original = servers.givenSourceFile("named.txt", 100);

        Exchange result = servers.send("ftp3p:copy?source=#partnerA&target=#ingest&targetDirectory=inbox", "named.txt");

        assertThat(result.getException()).isNull();
        assertThat(Files.mismatch(original, servers.targetFile("named.txt"))).isEqualTo(-1L);
        assertThat(result.getFromEndpoint() == null ? "" : result.getFromEndpoint().toString())
                .doesNotContain(servers.source().password());
    }

    @Test
    void anUnknownServerBeanIsNamedInTheError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> servers.camel().getEndpoint("ftp3p:copy?source=#nobody&target=#nobody"))
                .hasMessageContaining("Option 'source': no Ftp3pServer bean named 'nobody'");
    }

    @Test
    void componentLevelOptionsAreTheDefaultsOfEveryEndpoint() {
        Ftp3pComponent component = servers.camel().getComponent("ftp3p", Ftp3pComponent.class);
        // What camel.component.ftp3p.max-connections=7 in application.properties does.
        PropertyBindingSupport.build().bind(servers.camel(), component, "maxConnections", "7");
        PropertyBindingSupport.build().bind(servers.camel(), component, "passiveAddress", "reply");

        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) servers.camel().getEndpoint(servers.uri("copy", "replyTimeout=1234"));

        assertThat(endpoint.getConfiguration().getMaxConnections()).isEqualTo(7);
        assertThat(endpoint.getConfiguration().getPassiveAddress()).isEqualTo("reply");
        assertThat(endpoint.getConfiguration().getReplyTimeout()).isEqualTo(1234);
    }

    @Test
    void theProducerHealthCheckIsUpWhenBothServersAcceptALoginAndDownNamingTheSideWhenOneDoesNot() throws Exception {
        bindServers("wrong");
        HealthCheckRegistry registry = HealthCheckRegistry.get(servers.camel());
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").to(servers.uri("copy", ""));
                from("direct:bad").to("ftp3p:copy?source=#partnerA&target=#ingest");
            }
        });
        registry.getRepository("producers").orElseThrow().setEnabled(true);
        registry.setExposureLevel("full");

        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(servers.camel());

        assertThat(results).filteredOn(r -> r.getCheck().getId().startsWith("producer:ftp3p"))
                .hasSize(2)
                .anyMatch(r -> r.getState() == HealthCheck.State.UP)
                .anyMatch(r -> r.getState() == HealthCheck.State.DOWN && "target".equals(r.getDetails().get("failed.side"))
                        && r.getMessage().orElse("").contains("530"));
    }

    @Test
    void theEndpointExposesTransferCountsBytesAndPoolUsageOverJmx() throws Exception {
        servers.givenSourceFile("a.bin", 1000);
        servers.givenSourceFile("b.bin", 2000);
        String uri = servers.uri("copy", "");
        servers.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:jmx").to(uri);
            }
        });
        for (String name : new String[] { "a.bin", "b.bin", "missing.bin" }) {
            servers.send("direct:jmx", name);
        }

        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.apache.camel:context=" + servers.camel().getManagementName()
                + ",type=endpoints,*"), null);
        ObjectName ftp3p = names.stream().filter(n -> n.toString().contains("ftp3p")).findFirst()
                .orElseThrow(() -> new AssertionError("no ftp3p endpoint in " + mbeans.queryNames(null, null)));

        assertThat(mbeans.getAttribute(ftp3p, "TransfersCompleted")).isEqualTo(2L);
        assertThat(mbeans.getAttribute(ftp3p, "TransfersFailed")).isEqualTo(1L);
        assertThat(mbeans.getAttribute(ftp3p, "BytesTransferred")).isEqualTo(3000L);
        assertThat(mbeans.getAttribute(ftp3p, "SourceConnectionsIdle")).isEqualTo(1);
        assertThat(mbeans.getAttribute(ftp3p, "TargetConnectionsActive")).isEqualTo(0);
        assertThat(mbeans.getAttribute(ftp3p, "Logins")).isEqualTo(2L);
        assertThat(ftp3p.toString()).doesNotContain(servers.source().password());
        assertThat(((Ftp3pEndpoint) servers.camel().getEndpoint(uri)).client().connectionsCreated(Side.SOURCE)).isEqualTo(1);
    }
}
