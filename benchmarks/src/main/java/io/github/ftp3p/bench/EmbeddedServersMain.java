package io.github.ftp3p.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.ftp3p.testing.EmbeddedFtpServer;

/**
 * A child JVM holding two embedded Apache FtpServers ({@code a} and {@code b}), so that their CPU is not
 * counted as the client's. Arguments: the two home directories. Replies once
 * {@code ready <portA> <userA> <passwordA> <portB> <userB> <passwordB>}, then serves until its stdin closes,
 * answering {@value #TRANSFERS} requests.
 */
public final class EmbeddedServersMain {

    /**
     * The request for the number of RETR and STOR commands both servers received so far; the records are cleared
     * each time, so that millions of commands do not pile up in this JVM.
     */
    static final String TRANSFERS = "transfers";

    private EmbeddedServersMain() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedFtpServer a = EmbeddedFtpServer.start("a", Path.of(args[0]));
             EmbeddedFtpServer b = EmbeddedFtpServer.start("b", Path.of(args[1]))) {
            ChildJvm.answer(System.out, String.join(" ", "ready", Integer.toString(a.port()), a.user(), a.password(),
                    Integer.toString(b.port()), b.user(), b.password()));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long transfers = 0;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals(TRANSFERS)) {
                    transfers += transfers(a) + transfers(b);
                    ChildJvm.answer(System.out, Long.toString(transfers));
                }
            }
        }
        System.exit(0);
    }

    private static long transfers(EmbeddedFtpServer server) {
        long count = server.commands().stream().filter(c -> c.startsWith("RETR ") || c.startsWith("STOR ")).count();
        server.clearRecords();
        return count;
    }
}
