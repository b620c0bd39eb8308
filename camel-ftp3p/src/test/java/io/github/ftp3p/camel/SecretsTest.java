package io.github.ftp3p.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.ftp3p.protocol.UnsafeArgumentException;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords never show: the whole DEBUG log of ftp3p and Camel during good and failed transfers, exception
 * messages, the endpoint's string form and its JMX names and attributes are searched for them.
 */
class SecretsTest {

    private static final String SOURCE_SECRET = "Src-S3cret-4711";
    private static final String TARGET_SECRET = "Tgt-S3cret-0815";
    private static final String WRONG_SECRET = "Wrong-S3cret-999";

    @TempDir
    Path root;
    private EmbeddedFtpServer source;
    private EmbeddedFtpServer target;
    private CamelContext camel;
    private final StringWriter log = new StringWriter();
    private WriterAppender appender;

    @BeforeEach
    void start() {
        source = EmbeddedFtpServer.start("source", root.resolve("source"), "alice", SOURCE_SECRET);
        target = EmbeddedFtpServer.start("target", root.resolve("target"), "bob", TARGET_SECRET);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("secrets").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m %ex%n").build()).build();
        appender.start();
        configuration.addAppender(appender);
        LoggerConfig ftp3p = configuration.getLoggerConfig("io.github.ftp3p");
        ftp3p.setLevel(Level.DEBUG);
        ftp3p.addAppender(appender, Level.DEBUG, null);
        LoggerConfig camelLogger = new LoggerConfig("org.apache.camel", Level.DEBUG, true);
        camelLogger.addAppender(appender, Level.DEBUG, null);
        configuration.addLogger("org.apache.camel", camelLogger);
        context.updateLoggers();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger("org.apache.camel");
        LoggerConfig ftp3p = context.getConfiguration().getLoggerConfig("io.github.ftp3p");
        ftp3p.removeAppender("secrets");
        ftp3p.setLevel(Level.INFO);
        context.updateLoggers();
        appender.stop();
        source.close();
        target.close();
    }

    private String uri(String targetPassword) {
        return "ftp3p:move?source=" + source.uri("") + "&sourcePassword=RAW(" + SOURCE_SECRET + ")&target=" + target.uri("")
                + "&targetPassword=RAW(" + targetPassword + ")";
    }

    @Test
    void noPasswordAppearsInLogsErrorsEndpointNamesOrJmx() throws Exception {
        FtpServerPair.writeRandom(source.home().resolve("a.bin"), 5000, 1);
        FtpServerPair.writeRandom(source.home().resolve("b.bin"), 5000, 2);
        String good = uri(TARGET_SECRET);
        String bad = uri(WRONG_SECRET);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").to(good);
                from("direct:bad").to(bad);
            }
        });

        Exchange ok = camel.createProducerTemplate().request("direct:good", e -> e.getMessage().setHeader(Exchange.FILE_NAME, "a.bin"));
        Exchange failed = camel.createProducerTemplate().request("direct:bad", e -> e.getMessage().setHeader(Exchange.FILE_NAME, "b.bin"));

        assertThat(ok.getException()).isNull();
        assertThat(failed.getException()).isInstanceOf(Ftp3pOperationFailedException.class);
        StringBuilder everything = new StringBuilder(log.toString());
        for (Throwable t = failed.getException(); t != null; t = t.getCause()) {
            everything.append(t).append('\n');
        }
        everything.append(camel.getEndpoint(good)).append(camel.getEndpoint(bad)).append(camel.getEndpoints());
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:context=" + camel.getManagementName() + ",*"), null)) {
            everything.append(name);
            for (var attribute : mbeans.getMBeanInfo(name).getAttributes()) {
                try {
                    everything.append(mbeans.getAttribute(name, attribute.getName()));
                } catch (Exception | Error ignored) {
                    // attributes that cannot be read here carry nothing to leak
                }
            }
        }

        assertThat(log.toString()).as("the DEBUG log is captured").contains("PASS ****").contains("RETR a.bin");
        assertThat(everything.toString()).doesNotContain(SOURCE_SECRET).doesNotContain(TARGET_SECRET)
                .doesNotContain(WRONG_SECRET);
    }

    @Test
    void aFileNameLongerThan4KiBIsRefusedBeforeAnythingIsSent() {
        Exchange result = camel.createProducerTemplate().request(uri(TARGET_SECRET),
                e -> e.getMessage().setHeader(Exchange.FILE_NAME, "x".repeat(4097)));

        assertThat(result.getException()).isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("header CamelFileName").hasMessageContaining("4097 characters");
        assertThat(source.commands()).noneMatch(c -> c.startsWith("SIZE") || c.startsWith("RETR"));
    }
}
