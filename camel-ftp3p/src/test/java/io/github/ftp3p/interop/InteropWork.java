package io.github.ftp3p.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.ftp3p.camel.FtpServerPair;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A work directory for the servers a test starts, and a started CamelContext; both gone after each test, with the
 * servers handed to {@link #track}.
 */
final class InteropWork implements BeforeEachCallback, AfterEachCallback {

    private Path work;
    private CamelContext camel;
    private final List<Peer> peers = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        work = Files.createTempDirectory("ftp3p-interop");
        camel = new DefaultCamelContext();
        camel.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        camel.close();
        for (Peer peer : peers) {
            peer.close();
        }
        peers.clear();
        FtpServerPair.deleteTree(work);
    }

    Path resolve(String name) {
        return work.resolve(name);
    }

    /** Keeps {@code peer} to be closed after the test, before the work directory goes. */
    Peer track(Peer peer) {
        peers.add(peer);
        return peer;
    }

    CamelContext camel() {
        return camel;
    }
}
