package io.github.ftp3p.example.springxml;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.support.ClassPathXmlApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Loads {@code META-INF/spring/camel-context.xml} (two {@code Ftp3pServer} beans and a {@code direct:publish}
 * route that copies a file from one to the other, server to server) and copies the files named on the command
 * line.
 *
 * <pre>
 * ./mvnw -q -pl examples/spring-xml compile exec:java -Dexec.args=report.csv -Dpartner.password=... -Dingest.password=...
 * </pre>
 */
public final class SpringXmlExample {

    static final String CONTEXT = "META-INF/spring/camel-context.xml";

    private SpringXmlExample() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: SpringXmlExample <file name, relative to partner.directory>...");
        }
        int failed = 0;
        try (ClassPathXmlApplicationContext spring = open(Map.of())) {
            CamelContext camel = spring.getBean(CamelContext.class);
            for (String fileName : args) {
                Exchange result = publish(camel, fileName);
                if (result.getException() != null) {
                    System.err.println(fileName + ": " + result.getException().getMessage());
                    failed++;
                }
            }
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + args.length + " copies failed");
        }
    }

    /**
     * Starts the Spring context, with {@code properties} taking precedence over system properties, environment
     * variables and {@code ftp3p-example.properties}.
     */
    public static ClassPathXmlApplicationContext open(Map<String, Object> properties) {
        ClassPathXmlApplicationContext spring = new ClassPathXmlApplicationContext(new String[] {CONTEXT}, false);
        spring.getEnvironment().getPropertySources().addFirst(new MapPropertySource("overrides", properties));
        spring.refresh();
        return spring;
    }

    /** Sends a file name to the {@code direct:publish} route and returns the exchange with ftp3p's headers. */
    public static Exchange publish(CamelContext camel, String fileName) {
        ProducerTemplate template = camel.createProducerTemplate();
        return template.request("direct:publish", exchange -> exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName));
    }
}
