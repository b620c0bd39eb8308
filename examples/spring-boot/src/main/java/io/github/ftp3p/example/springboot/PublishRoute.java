package io.github.ftp3p.example.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Copies the file named by the {@code CamelFileName} header from the partner's outbox to the ingest server's
 * inbox. The timeouts, pool size and address policy are component defaults from application.yaml.
 */
@Component
public class PublishRoute extends RouteBuilder {

    static final String ENDPOINT = "ftp3p:copy?source=#partner&target=#ingest&targetDirectory=inbox";

    @Override
    public void configure() {
        from("direct:publish").routeId("publish")
            .to(ENDPOINT)
            .log("${header.CamelFileName} -> ${header.CamelFileNameProduced}: "
                    + "${header.CamelFtp3pFileSize} bytes, ${header.CamelFtp3pPassiveSide} passive");
    }
}
