package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Ftp3pEndpointOptionsTest {

    private static final String SOURCE = "source=ftp://partner@host-a:2121/outbox&sourcePassword=RAW(s3cret)";
    private static final String TARGET = "target=ftp://ingest@host-b:21/inbox&targetPassword=RAW(pw)";

    private CamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theDocumentedUriCreatesAnEndpointThatHidesThePasswords() {
        Endpoint endpoint = camel.getEndpoint("ftp3p:copy?" + SOURCE + "&" + TARGET);

        assertThat(endpoint).isInstanceOf(Ftp3pEndpoint.class);
        Ftp3pConfiguration configuration = ((Ftp3pEndpoint) endpoint).getConfiguration();
        assertThat(configuration.getSourcePassword()).isEqualTo("s3cret");
        assertThat(endpoint.toString()).doesNotContain("s3cret").doesNotContain("=pw");
    }

    @Test
    void aMissingTargetIsNamedInTheError() {
        assertRefused("ftp3p:copy?" + SOURCE, "Option 'target' is required");
    }

    @Test
    void anUnknownSchemeIsNamedInTheError() {
        assertRefused("ftp3p:copy?" + SOURCE + "&target=sftp://u@host-b/inbox", "Option 'target': unknown scheme 'sftp'");
    }

    @Test
    void aPortOutOfRangeIsNamedInTheError() {
        assertRefused("ftp3p:copy?source=ftp://u@host-a:70000/outbox&" + TARGET, "Option 'source': port 70000");
    }

    @Test
    void aPasswordInTheServerUriIsRefused() {
        assertRefused("ftp3p:copy?source=ftp://u:secret@host-a/outbox&" + TARGET, "Option 'source': a password in the URI");
    }

    @Test
    void anUnknownOperationIsNamedInTheError() {
        assertRefused("ftp3p:sync?" + SOURCE + "&" + TARGET, "Unknown operation 'sync'");
    }

    @Test
    void aBadPassiveSideListsTheAllowedValues() {
        assertRefused("ftp3p:copy?" + SOURCE + "&" + TARGET + "&passiveSide=both",
                "Option 'passiveSide' must be one of auto, target, source, not 'both'");
    }

    @Test
    void aZeroMaxConnectionsIsRefused() {
        assertRefused("ftp3p:copy?" + SOURCE + "&" + TARGET + "&maxConnections=0", "Option 'maxConnections'");
    }

    @Test
    void aZeroMaxWaitIsRefused() {
        assertRefused("ftp3p:copy?" + SOURCE + "&" + TARGET + "&maxWait=0", "Option 'maxWait'");
    }

    @Test
    void noStallDetectionWithoutATransferTimeoutIsRefusedAsAnUnboundedWait() {
        assertRefused("ftp3p:copy?" + SOURCE + "&" + TARGET + "&stallTimeout=0",
                "stallTimeout=0 (no stall detection) needs a transferTimeout");
    }

    @Test
    void noStallDetectionWithATransferTimeoutIsAccepted() {
        assertThat(camel.getEndpoint("ftp3p:copy?" + SOURCE + "&" + TARGET + "&stallTimeout=0&transferTimeout=1h"))
                .isInstanceOf(Ftp3pEndpoint.class);
    }

    @Test
    void aLineBreakInAUserNameSetOutsideTheUriIsRefused() {
        // Camel drops CR and LF from endpoint URIs itself; a value set on the component (Spring XML, YAML,
        // properties) is not normalized, so ftp3p checks it.
        camel.getComponent("ftp3p", Ftp3pComponent.class).getConfiguration().setSourceUsername("a\r\nDELE x");

        assertRefused("ftp3p:copy?" + SOURCE.replace("partner@", "") + "&" + TARGET, "user: must not contain CR");
    }

    private void assertRefused(String uri, String message) {
        assertThatThrownBy(() -> camel.getEndpoint(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("s3cret");
    }
}
