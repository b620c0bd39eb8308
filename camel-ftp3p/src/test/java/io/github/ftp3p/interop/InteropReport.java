package io.github.ftp3p.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.ftp3p.testing.RealFtpServer;

/**
 * Writes the interop matrix page from the results of {@link InteropMatrixTest}: always to target/interop.adoc,
 * and to docs/interop.adoc when every server ran (a partial run must not overwrite the published matrix).
 */
final class InteropReport {

    private static final List<String[]> IPV4_COLUMNS = List.of(new String[] { "target", "never" },
            new String[] { "target", "always" }, new String[] { "source", "never" }, new String[] { "source", "always" });
    private static final Map<String, String> NAMES = Map.of(Peer.FTPSERVER, "Apache FtpServer 1.2.1",
            RealFtpServer.VSFTPD, "vsftpd 3.0.3", RealFtpServer.PROFTPD, "ProFTPD 1.3.8", RealFtpServer.PURE_FTPD,
            "Pure-FTPd 1.0.50");

    /** Written by hand from {@link TwoHostTest}'s printed figures: they are measured bytes, not pass or fail. */
    private static final String TWO_HOSTS = """

            == Two hosts

            `TwoHostTest` runs the servers as two hosts: vsftpd in a network namespace of its own, ProFTPD in
            another, and the Camel JVM in the machine's own namespace as the Camel host. The test makes a /24 in
            10.203.0.0/16 that overlaps no address or route on the machine, three veth pairs and two routes, and
            deletes them afterwards:

            ....
            Camel host (test JVM)      namespace A (vsftpd)        namespace B (ProFTPD)
            camelA .5 ------------- .6      .1 ================== .2      .10 ------------- .9 camelB
                                              server link, direct
            ....

            The servers listen on `.1` and `.2`, the two ends of the direct link; the Camel host reaches `.1` through
            its veth to A and `.2` through its veth to B, and does not forward. The servers know only their
            connected routes, so a data connection between them can only take the server link. Each row is one
            `ftp3p:copy` of a 32 MiB file, checked byte for byte on disk, with the bytes received plus sent on the
            Camel host's two veths and on the server link, from before the copy until its control connections
            were closed (measured on the development machine):

            [cols="3,1,2,2,2",options="header"]
            |===
            | source -> target | passive | file | Camel host interfaces | server link
            | vsftpd 3.0.3 -> ProFTPD 1.3.8 | target | 33,554,432 | 5,301 | 33,613,362
            | vsftpd 3.0.3 -> ProFTPD 1.3.8 | source | 33,554,432 | 5,431 | 33,612,940
            | ProFTPD 1.3.8 -> vsftpd 3.0.3 | target | 33,554,432 | 4,999 | 33,721,334
            | ProFTPD 1.3.8 -> vsftpd 3.0.3 | source | 33,554,432 | 5,151 | 33,610,812
            | vsftpd 3.0.3 -> ProFTPD 1.3.8, FXP off, `fallback=relay` | - | 33,554,432 | 67,253,513 | 0
            | ProFTPD 1.3.8 -> vsftpd 3.0.3, FXP off, `fallback=relay` | - | 33,554,432 | 67,283,732 | 0
            |===

            About 5 KB crossed the Camel host per FXP copy: the logins and commands of two control connections and
            their TCP overhead. The test asserts less than 1 % of the file plus 64 KiB there, and at least the file
            on the server link. The last two rows are the control: a second pair of servers in the same namespaces
            with FXP off refuses it, and the relayed copy crosses the Camel host twice (down from the source, up to
            the target), which the same counters show. Where network namespaces cannot be made (not root, no
            iproute2, no permission) the test is skipped with the reason; under `CI=true` it fails instead.
            """;

    private InteropReport() {
    }

    static String key(String family, String source, String target, String passive, String epsv) {
        return String.join("|", family, source, target, passive, epsv);
    }

    static void write(Map<String, String> results, boolean complete) {
        String page = render(results);
        try {
            Files.writeString(Path.of("target", "interop.adoc"), page);
            if (complete) {
                Files.writeString(Path.of("..", "docs", "interop.adoc"), page);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row per ordered pair of {@code kinds}, one cell per column (passive side, epsv). */
    private static void rows(StringBuilder page, List<String> kinds, Map<String, String> results, String family,
            List<String[]> columns) {
        for (String source : kinds) {
            for (String target : kinds) {
                page.append("| ").append(NAMES.get(source)).append(" -> ").append(NAMES.get(target));
                for (String[] column : columns) {
                    page.append(" | ").append(cell(results.get(key(family, source, target, column[0], column[1]))));
                }
                page.append('\n');
            }
        }
    }

    static String render(Map<String, String> results) {
        StringBuilder page = new StringBuilder();
        page.append("= Interoperability\n\n")
                .append("// Generated by InteropMatrixTest (camel-ftp3p/src/test/java/io/github/ftp3p/interop) from its\n")
                .append("// results on every full run of ./mvnw verify. Do not edit by hand.\n\n")
                .append("Each cell is one `ftp3p:copy` through the Camel endpoint between two servers on this machine's\n")
                .append("loopback, checked byte for byte and verified by `SIZE`: *yes* passed, *no* failed, *-* not run\n")
                .append("(server not installed). The servers run with the FXP settings listed below.\n\n")
                .append("== IPv4\n\n")
                .append("[cols=\"3,2,2,2,2\",options=\"header\"]\n|===\n")
                .append("| source -> target | target passive, PASV/PORT | target passive, EPSV/EPRT | source passive, PASV/PORT")
                .append(" | source passive, EPSV/EPRT\n");
        rows(page, InteropMatrixTest.KINDS, results, "IPv4", IPV4_COLUMNS);
        page.append("|===\n\n== IPv6 (::1), EPSV/EPRT\n\n")
                .append("Apache FtpServer is embedded on 127.0.0.1 only in these tests, so its IPv6 rows are not run.\n\n")
                .append("[cols=\"3,2,2\",options=\"header\"]\n|===\n| source -> target | target passive | source passive\n");
        rows(page, RealFtpServer.KINDS, results, "IPv6",
                List.of(new String[] { "target", "auto" }, new String[] { "source", "auto" }));
        page.append("|===\n\n== Batches, pipelined\n\n")
                .append("Each cell is one `ftp3p:move` of 12 files (0 bytes to 110 KB) named in `CamelFtp3pFileNames`, pipelined\n")
                .append("across files with the target passive, each file checked byte for byte and its source gone. To\n")
                .append("vsftpd and Apache FtpServer, which read no command while a transfer runs, the next file's `PASV` and\n")
                .append("`STOR` are written while the current `STOR` runs; ProFTPD answers a `SIZE` sent then before the\n")
                .append("transfer's `226`, and Pure-FTPd answers such a command with `500 Unknown command`, so to them (and to\n")
                .append("any server not recognised by its greeting) nothing is written until the transfer ended.\n\n")
                .append("[cols=\"3,2,2\",options=\"header\"]\n|===\n| source -> target | PASV/PORT | EPSV/EPRT\n");
        rows(page, InteropMatrixTest.KINDS, results, "batch",
                List.of(new String[] { "target", "never" }, new String[] { "target", "always" }));
        page.append("|===\n\n== Server settings these rows need\n\n")
                .append("FXP means a server accepts a `PORT` to, or a passive data connection from, a host other than the\n")
                .append("client. Most servers refuse both by default; each row above ran with:\n\n")
                .append("[cols=\"1,3\",options=\"header\"]\n|===\n| server | settings\n")
                .append("| Apache FtpServer 1.2.1 | `activeIpCheck=false`, `passiveIpCheck=false` (the defaults)\n")
                .append("| vsftpd 3.0.3 | `pasv_promiscuous=YES` (as the passive side), `port_promiscuous=YES` (as the active side)\n")
                .append("| ProFTPD 1.3.8 | `AllowForeignAddress on`; it never connects to a port below 1024\n")
                .append("| Pure-FTPd 1.0.50 | `-w` (`AllowUserFXP yes`); `-W` for anonymous users; refuses ports below 1024\n")
                .append("|===\n\n")
                .append("With these settings off, and the client on another address than the servers, every orientation\n")
                .append("is refused (see `StrictServersTest`): ftp3p fails with one error that lists each orientation's\n")
                .append("refusal and the setting above, or, with `fallback=relay`, relays the data through the Camel host.\n")
                .append(TWO_HOSTS);
        return page.toString();
    }

    private static String cell(String result) {
        return result == null ? "-" : "ok".equals(result) ? "yes" : "no";
    }
}
