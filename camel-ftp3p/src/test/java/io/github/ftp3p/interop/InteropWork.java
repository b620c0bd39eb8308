package io.github.ftp3p.interop;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ftp3p.camel.FtpServerPair;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A work directory for the servers a test starts, and a started CamelContext; both gone after each test. */
final class InteropWork implements BeforeEachCallback, AfterEachCallback {

    private Path work;
    private CamelContext camel;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        work = Files.createTempDirectory("ftp3p-interop");
        camel = new DefaultCamelContext();
        camel.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        camel.close();
        FtpServerPair.deleteTree(work);
    }

    Path resolve(String name) {
        return work.resolve(name);
    }

    CamelContext camel() {
        return camel;
    }
}
