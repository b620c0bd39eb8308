package io.github.ftp3p.example.quarkus;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.github.ftp3p.camel.Ftp3pServer;
import org.eclipse.microprofile.config.Config;

/**
 * The two FTP servers, each an {@link Ftp3pServer} bean that routes name as {@code source=#partner} or
 * {@code target=#ingest}, read from {@code partner.*} and {@code ingest.*} (host, port, username, password,
 * directory). Camel Quarkus finds {@code @Named} beans by their name.
 */
@Singleton
public class FtpServers {

    @Produces
    @Singleton
    @Named("partner")
    Ftp3pServer partner(Config config) {
        return server(config, "partner");
    }

    @Produces
    @Singleton
    @Named("ingest")
    Ftp3pServer ingest(Config config) {
        return server(config, "ingest");
    }

    static Ftp3pServer server(Config config, String name) {
        Ftp3pServer server = new Ftp3pServer();
        server.setHost(config.getValue(name + ".host", String.class));
        server.setPort(config.getValue(name + ".port", Integer.class));
        config.getOptionalValue(name + ".username", String.class).ifPresent(server::setUsername);
        config.getOptionalValue(name + ".password", String.class).ifPresent(server::setPassword);
        config.getOptionalValue(name + ".directory", String.class).ifPresent(server::setDirectory);
        return server;
    }
}
