package io.github.ftp3p.example.springboot;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Sends each file name given on the command line (the arguments that are not {@code --options}) to
 * {@code direct:publish}. A failed copy fails the application's startup. Without arguments it does nothing.
 */
@Component
public class PublishNamedFiles implements ApplicationRunner {

    private final ProducerTemplate producer;

    public PublishNamedFiles(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String fileName : args.getNonOptionArgs()) {
            producer.sendBodyAndHeader("direct:publish", null, Exchange.FILE_NAME, fileName);
        }
    }
}
