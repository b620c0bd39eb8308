package io.github.ftp3p.example.yaml;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * Runs {@code routes/publish.yaml} with Camel Main, configured by {@code application.properties} (two
 * {@code Ftp3pServer} beans, component defaults, the producer health check), and copies the files named on the
 * command line from the partner server to the ingest server, server to server.
 *
 * <pre>
 * ./mvnw -q -pl examples/yaml-dsl compile exec:java -Dexec.args=report.csv -Dpartner.password=... -Dingest.password=...
 * </pre>
 */
public final class YamlExample {

    private YamlExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: YamlExample <file name, relative to the partner's outbox>...");
        }
        Main main = start(Map.of());
        int failed = 0;
        try {
            for (String fileName : args) {
                Exchange result = publish(main.getCamelContext(), fileName);
                if (result.getException() != null) {
                    System.err.println(fileName + ": " + result.getException().getMessage());
                    failed++;
                }
            }
        } finally {
            main.stop();
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + args.length + " copies failed");
        }
    }

    /**
     * Starts Camel Main from {@code application.properties}, with {@code properties} overriding it (and system
     * properties and environment variables), and returns once the routes are started.
     */
    public static Main start(Map<String, String> properties) throws Exception {
        Main main = new Main();
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
        return main;
    }

    /** Sends a file name to the {@code direct:publish} route and returns the exchange with ftp3p's headers. */
    public static Exchange publish(CamelContext camel, String fileName) {
        ProducerTemplate template = camel.createProducerTemplate();
        return template.request("direct:publish", exchange -> exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName));
    }
}
