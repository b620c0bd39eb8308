package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/**
 * What Camel's tooling (catalog, IDE plugins, Karavan, camel jbang) reads from the jar: the component list and the
 * descriptor camel-component-maven-plugin generates from the annotations and Javadoc.
 */
class ComponentDescriptorTest {

    private static JsonObject descriptor() throws Exception {
        try (InputStream in = ComponentDescriptorTest.class.getResourceAsStream(DocsTables.DESCRIPTOR)) {
            assertThat(in).as(DocsTables.DESCRIPTOR).isNotNull();
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static JsonObject option(String level, String name) throws Exception {
        JsonObject option = (JsonObject) descriptor().getMap(level).get(name);
        assertThat(option).as(level + "." + name).isNotNull();
        return option;
    }

    @Test
    void theJarListsFtp3pAmongItsComponentsForCamelsCatalog() throws IOException {
        // camel-file and camel-ftp on the test classpath carry the same resource; which comes first depends on the
        // classpath's order, so this module's is looked for by its artifactId.
        // At test time, in a clean build, the plugin's file is only at the root of target/classes; the copy under
        // META-INF/services is made when the jar is packaged.
        Properties components = null;
        for (String name : new String[] { "META-INF/services/org/apache/camel/component.properties", "component.properties" }) {
            var resources = getClass().getClassLoader().getResources(name);
            while (resources.hasMoreElements()) {
                Properties candidate = new Properties();
                try (InputStream in = resources.nextElement().openStream()) {
                    candidate.load(in);
                }
                if ("camel-ftp3p".equals(candidate.getProperty("artifactId"))) {
                    components = candidate;
                }
            }
        }

        assertThat(components).as("META-INF/services/org/apache/camel/component.properties of camel-ftp3p").isNotNull();
        assertThat(components.getProperty("components")).isEqualTo("ftp3p");
        assertThat(components.getProperty("groupId")).isEqualTo("io.github.ftp3p");
    }

    @Test
    void theUsernamesAreSecretsLikeThePasswordsAtBothLevels() throws Exception {
        for (String level : new String[] { "componentProperties", "properties" }) {
            for (String name : new String[] { "sourceUsername", "targetUsername", "sourcePassword", "targetPassword" }) {
                assertThat(option(level, name).getBoolean("secret")).as(level + "." + name + " secret").isTrue();
                assertThat(option(level, name).getString("label")).as(level + "." + name + " label").isEqualTo("security");
            }
        }
    }

    @Test
    void theSourceExampleInItsDescriptionIsAnFtpUriAsWritten() throws Exception {
        String description = option("properties", "source").getString("description");

        assertThat(description).contains("for example ftp://host-a:2121/outbox with the user in sourceUsername")
                .doesNotContain(" at ").doesNotContain("at sign");
    }

    @Test
    void sourceAndTargetAreRequiredAtNeitherLevelBecauseEitherLevelMaySetThem() throws Exception {
        for (String level : new String[] { "componentProperties", "properties" }) {
            for (String name : new String[] { "source", "target" }) {
                assertThat(option(level, name).getBoolean("required")).as(level + "." + name + " required").isFalse();
                assertThat(option(level, name).getString("description")).contains("required on the endpoint or the component");
            }
        }
    }

    @Test
    void anEndpointWithASourceFromNeitherLevelIsRefusedNamingTheOption() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();

            assertThatThrownBy(() -> camel.getEndpoint("ftp3p:copy?target=ftp://127.0.0.1/in"))
                    .hasStackTraceContaining("Option 'source' is required");
        }
    }
}
