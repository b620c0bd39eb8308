package io.github.ftp3p.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.ftp3p.testing.EmbeddedFtpServer;

/**
 * A child JVM holding two embedded Apache FtpServers ({@code a} and {@code b}), so that their CPU is not
 * counted as the client's. Arguments: the two home directories. Replies once
 * {@code ready <portA> <userA> <passwordA> <portB> <userB> <passwordB>}, then serves until its stdin closes.
 */
public final class EmbeddedServersMain {

    private EmbeddedServersMain() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedFtpServer a = EmbeddedFtpServer.start("a", Path.of(args[0]));
             EmbeddedFtpServer b = EmbeddedFtpServer.start("b", Path.of(args[1]))) {
            ChildJvm.answer(System.out, String.join(" ", "ready", Integer.toString(a.port()), a.user(), a.password(),
                    Integer.toString(b.port()), b.user(), b.password()));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // nothing to do until the harness closes stdin
            }
        }
        System.exit(0);
    }
}
