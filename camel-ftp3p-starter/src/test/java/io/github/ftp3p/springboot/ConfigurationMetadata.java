package io.github.ftp3p.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.StringHelper;
import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Writes Spring Boot's configuration metadata (META-INF/spring-configuration-metadata.json) for
 * {@code camel.component.ftp3p.*} from the component descriptor (ftp3p.json) that camel-component-maven-plugin
 * generates, so that IDEs complete and document the keys the starter binds. The starter binds through Camel's
 * configurer rather than a {@code @ConfigurationProperties} class, so Spring Boot's own processor has nothing to
 * read; the build runs {@link #main} after the test classes are compiled, writing into target/classes, and the jar
 * carries the file. Kept with the tests because it is build tooling, not part of the starter.
 */
public final class ConfigurationMetadata {

    static final String DESCRIPTOR = "/META-INF/io/github/ftp3p/camel/ftp3p.json";
    static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

    private ConfigurationMetadata() {
    }

    /** args[0]: the output directory (target/classes). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve(RESOURCE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, render(descriptor()), StandardCharsets.UTF_8);
    }

    static JsonObject descriptor() {
        try (InputStream in = ConfigurationMetadata.class.getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTOR + " is not on the class path: camel-ftp3p must be built first");
            }
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DeserializationException e) {
            throw new IllegalStateException(DESCRIPTOR + " is not JSON: " + e.getMessage(), e);
        }
    }

    static String render(JsonObject descriptor) {
        JsonObject group = new JsonObject();
        group.put("name", Ftp3pComponentAutoConfiguration.PREFIX);
        group.put("type", "io.github.ftp3p.camel.Ftp3pComponent");
        group.put("description", "Defaults of every ftp3p endpoint, bound by camel-ftp3p-starter.");
        JsonArray properties = new JsonArray();
        JsonArray hints = new JsonArray();
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) descriptor.get("componentProperties");
        options.forEach((name, value) -> {
            JsonObject option = (JsonObject) value;
            String key = Ftp3pComponentAutoConfiguration.PREFIX + "." + StringHelper.camelCaseToDash(name);
            properties.add(property(key, option));
            List<?> values = (List<?>) option.get("enum");
            if (values != null) {
                JsonArray hintValues = new JsonArray();
                values.forEach(v -> hintValues.add(new JsonObject(Map.of("value", v))));
                JsonObject hint = new JsonObject();
                hint.put("name", key);
                hint.put("values", hintValues);
                hints.add(hint);
            }
        });
        JsonObject metadata = new JsonObject();
        metadata.put("groups", new JsonArray(List.of(group)));
        metadata.put("properties", properties);
        metadata.put("hints", hints);
        return Jsoner.prettyPrint(metadata.toJson(), 2) + "\n";
    }

    private static JsonObject property(String key, JsonObject option) {
        boolean duration = "duration".equals(option.getString("type"));
        JsonObject property = new JsonObject();
        property.put("name", key);
        property.put("type", duration ? "java.time.Duration" : boxed(option.getString("javaType")));
        property.put("sourceType", "io.github.ftp3p.camel.Ftp3pComponent");
        property.put("description", option.getString("description"));
        Object defaultValue = option.get("defaultValue");
        if (defaultValue != null) {
            property.put("defaultValue", duration ? durationText(defaultValue.toString()) : defaultValue);
        }
        if (Boolean.TRUE.equals(option.get("deprecated"))) {
            property.put("deprecated", true);
        }
        return property;
    }

    /** Durations default in milliseconds in Camel's descriptor; Spring shows them as duration text. */
    private static String durationText(String millis) {
        long value = Long.parseLong(millis);
        return value % 1000 == 0 ? value / 1000 + "s" : value + "ms";
    }

    private static String boxed(String javaType) {
        return switch (javaType) {
            case "boolean" -> "java.lang.Boolean";
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            default -> javaType;
        };
    }
}
