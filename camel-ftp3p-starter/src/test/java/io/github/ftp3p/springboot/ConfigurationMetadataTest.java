package io.github.ftp3p.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/** The starter jar's Spring Boot configuration metadata, from which IDEs complete camel.component.ftp3p.*. */
class ConfigurationMetadataTest {

    private static String onClassPath() throws Exception {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/" + ConfigurationMetadata.RESOURCE)) {
            assertThat(in).as(ConfigurationMetadata.RESOURCE + " (written by the build before the tests)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(String section, String name) throws Exception {
        JsonObject metadata = (JsonObject) Jsoner.deserialize(onClassPath());
        return ((List<Map<String, Object>>) metadata.get(section)).stream().filter(p -> name.equals(p.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + section));
    }

    @Test
    void theMetadataIsTheOneTheComponentDescriptorOfThisBuildGives() throws Exception {
        assertThat(onClassPath()).isEqualTo(ConfigurationMetadata.render(ConfigurationMetadata.descriptor()));
    }

    @Test
    void everyComponentOptionIsAKebabCaseKeyWithItsTypeDefaultAndDescription() throws Exception {
        Map<String, Object> maxConnections = entry("properties", "camel.component.ftp3p.max-connections");
        assertThat(maxConnections).containsEntry("type", "java.lang.Integer").containsKey("description");
        // A JSON number, read back as a BigDecimal.
        assertThat(maxConnections.get("defaultValue")).hasToString("4");
        assertThat(entry("properties", "camel.component.ftp3p.reply-timeout"))
                .containsEntry("type", "java.time.Duration")
                .containsEntry("defaultValue", "30s");
        assertThat(entry("properties", "camel.component.ftp3p.source-username"))
                .containsEntry("type", "java.lang.String");
        assertThat(entry("groups", "camel.component.ftp3p"))
                .containsEntry("type", "io.github.ftp3p.camel.Ftp3pComponent");
    }

    @Test
    void anOptionWithFixedValuesOffersThemAsHints() throws Exception {
        assertThat(entry("hints", "camel.component.ftp3p.passive-side").get("values").toString())
                .contains("auto", "target", "source");
    }
}
