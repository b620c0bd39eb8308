package io.github.ftp3p.example.quarkus;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code publish.files} set (a comma-separated list, e.g. {@code -Dpublish.files=report.csv} or
 * {@code PUBLISH_FILES}), sends each name to {@code direct:publish} once Camel has started, then exits: 0 when
 * every copy succeeded, 1 otherwise. Without it the application keeps running, its route waiting for senders.
 * Camel Quarkus fires Camel's events as CDI events; Camel is started by then, which it is not yet at Quarkus's
 * StartupEvent.
 */
@ApplicationScoped
public class PublishNamedFiles {

    @Inject
    ProducerTemplate producer;

    @ConfigProperty(name = "publish.files")
    Optional<List<String>> fileNames;

    void publish(@Observes CamelEvent.CamelContextStartedEvent started) {
        if (fileNames.isEmpty()) {
            return;
        }
        int exitCode = 0;
        for (String fileName : fileNames.get()) {
            try {
                producer.requestBodyAndHeader("direct:publish", null, Exchange.FILE_NAME, fileName);
            } catch (CamelExecutionException e) {
                Log.errorf("%s was not copied: %s", fileName, e.getCause() == null ? e : e.getCause().getMessage());
                exitCode = 1;
            }
        }
        Quarkus.asyncExit(exitCode);
    }
}
