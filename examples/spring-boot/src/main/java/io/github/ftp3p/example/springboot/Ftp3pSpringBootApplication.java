package io.github.ftp3p.example.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Copies the files named on the command line from the partner's FTP server to the ingest server, server to
 * server, then stops.
 *
 * <pre>
 * ./mvnw -q -pl examples/spring-boot compile exec:java -Dexec.args="report.csv --partner.password=... --ingest.password=..."
 * </pre>
 */
@SpringBootApplication
public class Ftp3pSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.exit(SpringApplication.run(Ftp3pSpringBootApplication.class, args));
    }
}
