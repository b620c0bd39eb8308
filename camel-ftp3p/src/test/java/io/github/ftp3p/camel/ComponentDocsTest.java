package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Keeps the tables of docs/ftp3p-component.adoc equal to the component descriptor (ftp3p.json) that the build
 * generates from the code's annotations and Javadoc. With {@code -Dftp3p.docs.update=true} the marked sections
 * are rewritten instead of checked.
 */
class ComponentDocsTest {

    /** Surefire runs in the module directory; the docs live next to it. */
    private static final Path PAGE = Path.of("..", "docs", "ftp3p-component.adoc");
    private static final boolean UPDATE = Boolean.getBoolean("ftp3p.docs.update");
    private static final String OUT_OF_DATE = "docs/ftp3p-component.adoc is out of date with ftp3p.json: run "
            + "./mvnw -pl camel-ftp3p test -Dtest=ComponentDocsTest -Dftp3p.docs.update=true";
    private static final String DOCUMENTED_URI = "ftp3p:copy?source=ftp://host-a:2121/outbox&sourceUsername=partner"
            + "&sourcePassword=RAW(s3cret)&target=ftp://host-b:21/inbox&targetUsername=ingest&targetPassword=RAW(pw)";

    private final DocsTables tables = DocsTables.fromClasspath();

    @Test
    void theEndpointOptionsTablesMatchTheComponentJson() throws IOException {
        checkOrUpdate(DocsTables.ENDPOINT_OPTIONS, DocsTables::endpointOptions);
    }

    @Test
    void theComponentOptionsTableMatchesTheComponentJson() throws IOException {
        checkOrUpdate(DocsTables.COMPONENT_OPTIONS, DocsTables::componentOptions);
    }

    @Test
    void theHeadersTableMatchesTheComponentJson() throws IOException {
        checkOrUpdate(DocsTables.HEADERS, DocsTables::headers);
    }

    @Test
    void theUriExampleOnThePageCreatesAnEndpointThatHidesThePasswords() throws Exception {
        assertThat(read()).as("the URI format example on the page").contains(DOCUMENTED_URI);

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            Endpoint endpoint = camel.getEndpoint(DOCUMENTED_URI);

            Ftp3pConfiguration configuration = ((Ftp3pEndpoint) endpoint).getConfiguration();
            assertThat(configuration.getSourcePassword()).isEqualTo("s3cret");
            assertThat(configuration.getTargetPassword()).isEqualTo("pw");
            assertThat(endpoint.toString()).doesNotContain("s3cret").doesNotContain("=pw");
        }
    }

    @Test
    void aPipeInADescriptionIsEscapedSoThatItDoesNotStartANewCell() {
        assertThat(DocsTables.cell("229 reply (|||port|)")).isEqualTo("229 reply (\\|\\|\\|port\\|)");
    }

    @Test
    void aUrlInADescriptionIsShownAsTextNotAsALink() {
        assertThat(DocsTables.cell("absolute (ftp://host//srv/out), see https://x.org/a")).isEqualTo(
                "absolute (\\ftp://host//srv/out), see \\https://x.org/a");
    }

    @Test
    void aSectionIsReplacedBetweenItsMarkersAndTheRestOfThePageIsKept() {
        String page = "intro\n// headers: START\nold\n// headers: END\noutro\n";

        String updated = DocsTables.replaceSection(page, DocsTables.HEADERS, "new\n");

        assertThat(updated).isEqualTo("intro\n// headers: START\nnew\n// headers: END\noutro\n");
        assertThat(DocsTables.section(updated, DocsTables.HEADERS)).isEqualTo("new\n");
    }

    private void checkOrUpdate(String name, Function<DocsTables, String> renderer) throws IOException {
        String page = read();
        String current = DocsTables.section(page, name);
        if (current == null) {
            fail(PAGE.toAbsolutePath().normalize() + " has no section between the lines '" + DocsTables.startMarker(name)
                    + "' and '" + DocsTables.endMarker(name) + "': add both lines where the table belongs, then run "
                    + "with -Dftp3p.docs.update=true");
        }
        String rendered = renderer.apply(tables);
        if (current.equals(rendered)) {
            return;
        }
        if (UPDATE) {
            Files.writeString(PAGE, DocsTables.replaceSection(page, name, rendered), StandardCharsets.UTF_8);
            return;
        }
        fail(OUT_OF_DATE + "\n" + firstDifference(name, current, rendered));
    }

    private static String read() throws IOException {
        if (!Files.isRegularFile(PAGE)) {
            fail("Cannot find the component page at " + PAGE.toAbsolutePath().normalize()
                    + ": the test expects to run in the camel-ftp3p module directory");
        }
        return Files.readString(PAGE, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** The first line where the page's section and the rendering part, both quoted. */
    private static String firstDifference(String name, String current, String rendered) {
        String[] page = current.split("\n", -1);
        String[] expected = rendered.split("\n", -1);
        for (int i = 0; i < Math.max(page.length, expected.length); i++) {
            String have = i < page.length ? page[i] : "<end of section>";
            String want = i < expected.length ? expected[i] : "<end of section>";
            if (!have.equals(want)) {
                return "First difference in section '" + name + "', line " + (i + 1) + " after its START marker:\n"
                        + "  page:      " + have + "\n"
                        + "  from JSON: " + want;
            }
        }
        return "Section '" + name + "' differs only in line endings";
    }
}
