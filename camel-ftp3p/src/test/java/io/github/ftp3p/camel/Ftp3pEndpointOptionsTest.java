package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ftp3pEndpointOptionsTest {

    private static final String SOURCE = "source=ftp://partner@host-a:2121/outbox&sourcePassword=RAW(s3cret)";
    private static final String TARGET = "target=ftp://ingest@host-b:21/inbox&targetPassword=RAW(pw)";
    private static final String ENDPOINT = "ftp3p:copy?" + SOURCE + "&" + TARGET + "&";

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
        assertRefused("ftp3p:mirror?" + SOURCE + "&" + TARGET,
                "Unknown operation 'mirror' in ftp3p:mirror: expected ftp3p:copy, ftp3p:move, ftp3p:sync or ftp3p:cleanup");
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
                "Option 'stallTimeout' must not be 0 (no stall detection) while transferTimeout is 0 too");
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

    @ParameterizedTest
    @ValueSource(strings = { "connectTimeout", "replyTimeout", "transferTimeout", "noopAfterIdle", "progressInterval",
            "progressLogInterval", "stallTimeout", "maxWait" })
    void everyDurationOptionTakesOneMillisecond(String option) {
        assertThat(camel.getEndpoint(ENDPOINT + option + "=1")).isInstanceOf(Ftp3pEndpoint.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "connectTimeout", "replyTimeout", "transferTimeout", "noopAfterIdle", "progressInterval",
            "progressLogInterval", "stallTimeout", "maxWait", "tempFileMaxAge" })
    void everyDurationOptionTakesIntegerMaxValueMilliseconds(String option) {
        assertThat(camel.getEndpoint(ENDPOINT + option + "=2147483647")).isInstanceOf(Ftp3pEndpoint.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "connectTimeout", "replyTimeout", "transferTimeout", "noopAfterIdle", "progressInterval",
            "progressLogInterval", "stallTimeout", "maxWait", "tempFileMaxAge" })
    void everyDurationOptionRefusesOneMillisecondMoreThanIntegerMaxValue(String option) {
        assertRefused(ENDPOINT + option + "=2147483648", "Option '" + option + "' must be from ",
                "to 2147483647 milliseconds", "not 2147483648 ms");
    }

    @ParameterizedTest
    @ValueSource(strings = { "connectTimeout", "replyTimeout", "transferTimeout", "noopAfterIdle", "progressInterval",
            "progressLogInterval", "stallTimeout", "maxWait", "tempFileMaxAge" })
    void everyDurationOptionRefusesANegativeNumber(String option) {
        assertRefused(ENDPOINT + option + "=-1", "Option '" + option + "' must be from ", "not -1 ms");
    }

    @Test
    void thirtyDaysOfTransferTimeoutIsRefusedWhenTheEndpointIsCreated() {
        assertRefused(ENDPOINT + "transferTimeout=30d",
                "Option 'transferTimeout' must be from 0 to 2147483647 milliseconds",
                "not 2592000000 ms");
    }

    @Test
    void aReplyTimeoutBeyondAnIntOfMillisecondsIsRefusedWhenTheEndpointIsCreated() {
        assertRefused(ENDPOINT + "replyTimeout=3000000000",
                "Option 'replyTimeout' must be from 1 to 2147483647 milliseconds");
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1x", "-5s", "5s1x", "1H", "1h1h", "1s1m", "s", "1.5s", "PTabc" })
    void durationTextCamelWouldReadAsSomethingElseIsRefused(String text) {
        assertTextRefused("stallTimeout", text, "is not a duration: write a number of milliseconds (60000), units d, h, "
                + "m, s, ms in that order (1m30s, 500ms) or ISO-8601 (PT1M30S)");
    }

    @Test
    void aDurationTooLongForALongIsRefused() {
        assertTextRefused("stallTimeout", "99999999999999999999", "is too long a duration");
    }

    @Test
    void aFractionOfAMillisecondIsRefusedRatherThanCutToZero() {
        assertTextRefused("stallTimeout", "PT0.0001S", "is not a whole number of milliseconds");
    }

    @ParameterizedTest
    @CsvSource({ "60000, 60000", "1m30s, 90000", "500ms, 500", "1d2h3m4s5ms, 93784005", "PT1M30S, 90000",
            "pt2s, 2000", "2m, 120000" })
    void durationsAreReadExactlyInEveryDocumentedForm(String text, long millis) {
        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) camel.getEndpoint(ENDPOINT + "stallTimeout=" + text);

        assertThat(endpoint.getConfiguration().getStallTimeout()).isEqualTo(millis);
    }

    @Test
    void aDurationBeanReferenceIsLookedUpAndRangeChecked() {
        camel.getRegistry().bind("aMonth", Duration.ofDays(30));

        assertRefused(ENDPOINT + "transferTimeout=#aMonth", "Option 'transferTimeout' must be from 0 to 2147483647",
                "not 2592000000 ms");
    }

    @Test
    void malformedDurationTextSetOnTheComponentIsRefused() {
        assertThatThrownBy(() -> setOnTheComponent("stall-timeout", "abc"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("Option 'stallTimeout': 'abc' is not a duration");
    }

    @Test
    void durationTextSetOnTheComponentReachesTheEndpointExactly() {
        setOnTheComponent("stallTimeout", "1m30s");

        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) camel.getEndpoint("ftp3p:copy?" + SOURCE + "&" + TARGET);
        assertThat(endpoint.getConfiguration().getStallTimeout()).isEqualTo(90_000);
    }

    @ParameterizedTest
    @ValueSource(strings = { "connectTimeout", "replyTimeout", "progressInterval" })
    void zeroIsRefusedWhereNoWaitCouldWork(String option) {
        assertRefused(ENDPOINT + option + "=0",
                "Option '" + option + "' must be from 1 to 2147483647 milliseconds", "not 0 ms");
    }

    @ParameterizedTest
    @ValueSource(strings = { "transferTimeout", "noopAfterIdle", "progressLogInterval", "tempFileMaxAge" })
    void zeroIsTakenWhereItMeansNone(String option) {
        assertThat(camel.getEndpoint(ENDPOINT + option + "=0")).isInstanceOf(Ftp3pEndpoint.class);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 1000 })
    void maxConnectionsTakesOneToAThousand(int connections) {
        Ftp3pEndpoint endpoint = (Ftp3pEndpoint) camel.getEndpoint(ENDPOINT + "maxConnections=" + connections);

        assertThat(endpoint.getConfiguration().getMaxConnections()).isEqualTo(connections);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 1001 })
    void maxConnectionsOutsideOneToAThousandIsRefused(int connections) {
        assertRefused(ENDPOINT + "maxConnections=" + connections,
                "Option 'maxConnections' must be from 1 to 1000, not " + connections);
    }

    @Test
    void anUnknownDataProtectionIsRefusedBetweenPlainFtpServersToo() {
        assertRefused(ENDPOINT + "dataProtection=bogus",
                "Option 'dataProtection' must be one of private, clear, not 'bogus'");
    }

    @Test
    void aBackslashInTheTempPrefixIsRefused() {
        assertRefused(ENDPOINT + "tempPrefix=..\\",
                "Option 'tempPrefix' must be a non-empty file name prefix without '/'");
    }

    /** As Camel Main sets camel.component.ftp3p.* properties: through the component's configurer. */
    private void setOnTheComponent(String option, String text) {
        PropertyBindingSupport.setPropertiesOnTarget(camel, camel.getComponent("ftp3p"), new HashMap<>(Map.of(option, text)));
    }

    /** Camel wraps what a configurer throws: the option's own message is the root cause's. */
    private void assertTextRefused(String option, String text, String message) {
        assertThatThrownBy(() -> camel.getEndpoint(ENDPOINT + option + "=" + text))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("name: " + option)
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option '" + option + "': '" + text + "' " + message);
    }

    private void assertRefused(String uri, String... messages) {
        assertThatThrownBy(() -> camel.getEndpoint(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(messages)
                .hasMessageNotContaining("s3cret");
    }
}
