package io.github.ftp3p.example.springboot;

import io.github.ftp3p.camel.Ftp3pServer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two FTP servers, each an {@link Ftp3pServer} bean that routes name as {@code source=#partner} or
 * {@code target=#ingest}. Spring Boot binds {@code partner.*} and {@code ingest.*} (host, port, username,
 * password, directory) to the bean's setters.
 */
@Configuration(proxyBeanMethods = false)
public class FtpServers {

    @Bean
    @ConfigurationProperties("partner")
    public Ftp3pServer partner() {
        return new Ftp3pServer();
    }

    @Bean
    @ConfigurationProperties("ingest")
    public Ftp3pServer ingest() {
        return new Ftp3pServer();
    }
}
