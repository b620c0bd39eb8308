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
            "Pure-FTPd 1.0.50", RealFtpServer.PYFTPDLIB, "pyftpdlib 1.5.7", RealFtpServer.NETKIT_FTPD,
            "netkit ftpd 0.17", RealFtpServer.INETUTILS_FTPD, "inetutils ftpd 2.4", MatrixServers.PYFTPDLIB_STRICT,
            "pyftpdlib 1.5.7 strict", MatrixServers.NETKIT_STRICT, "netkit ftpd 0.17 without -P");

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
                row(page, results, family, source, target, columns);
            }
        }
    }

    private static void row(StringBuilder page, Map<String, String> results, String family, String source,
            String target, List<String[]> columns) {
        page.append("| ").append(NAMES.get(source)).append(" -> ").append(NAMES.get(target));
        for (String[] column : columns) {
            page.append(" | ").append(cell(results.get(key(family, source, target, column[0], column[1]))));
        }
        page.append('\n');
    }

    private static void table(StringBuilder page, String cols, String header) {
        page.append("[cols=\"").append(cols).append("\",options=\"header\"]\n|===\n").append(header).append('\n');
    }

    private static final String IPV4_HEADER = "| source -> target | target passive, PASV/PORT | target passive, EPSV/EPRT"
            + " | source passive, PASV/PORT | source passive, EPSV/EPRT";

    private static final String SYNC_BEGIN = "// sync rows: written by SyncInteropTest\n";
    private static final String SYNC_END = "// end of sync rows\n";
    private static final Path PAGE = Path.of("..", "docs", "interop.adoc");

    /**
     * Rewrites the sync section of the page from {@link SyncInteropTest}'s rows, only after a run of all of them;
     * the rest of the page is the matrix's.
     */
    static void recordSync(Map<String, String> results, boolean complete) {
        if (!complete || !Files.exists(PAGE)) {
            return;
        }
        StringBuilder rows = new StringBuilder(SYNC_BEGIN).append("[cols=\"2,1,3\",options=\"header\"]\n|===\n")
                .append("| server | role | result\n");
        for (String kind : SyncInteropTest.KINDS) {
            for (String role : List.of("source", "target")) {
                rows.append("| ").append(NAMES.get(kind)).append(" | ").append(role).append(" | ")
                        .append(results.getOrDefault(kind + " as the " + role, "-")).append('\n');
            }
        }
        rows.append("|===\n").append(SYNC_END);
        try {
            Files.writeString(PAGE, withSync(Files.readString(PAGE), rows.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code page} with its sync rows replaced by {@code rows}, or added at the end. */
    private static String withSync(String page, String rows) {
        int begin = page.indexOf(SYNC_BEGIN);
        int end = page.indexOf(SYNC_END);
        if (begin < 0 || end < begin) {
            return page + SYNC_SECTION + rows;
        }
        return page.substring(0, begin) + rows + page.substring(end + SYNC_END.length());
    }

    /** The sync rows now on the page, kept when the matrix rewrites it. */
    private static String currentSync() {
        try {
            String page = Files.exists(PAGE) ? Files.readString(PAGE) : "";
            int begin = page.indexOf(SYNC_BEGIN);
            int end = page.indexOf(SYNC_END);
            return begin < 0 || end < begin ? "" : SYNC_SECTION + page.substring(begin, end + SYNC_END.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String SYNC_SECTION = """

            == Directories: ftp3p:sync

            Each row is one tree taken through its life by `ftp3p:sync` (`SyncInteropTest`), the server in the row in
            one role and Apache FtpServer 1.2.1 in the other: nested and empty directories, a space and UTF-8 in names;
            the first sync (every file copied, every directory made), an unchanged re-run (nothing copied), a file
            changed in size and one made newer on the source (only they copied), a file deleted on the source (kept on the target, then deleted with
            `deleteExtraneous=true`), and a dry run filtered by `antInclude` (planned, nothing written). Servers that
            offer MLSD (Apache FtpServer, ProFTPD, Pure-FTPd, pyftpdlib) are listed with it; vsftpd, netkit and
            inetutils ftpd with `LIST -a` (commons-net's UNIX parser) and `MDTM` where sizes match.

            """;

    static String render(Map<String, String> results) {
        StringBuilder page = new StringBuilder();
        page.append("= Interoperability\n\n")
                .append("// Generated by InteropMatrixTest (camel-ftp3p/src/test/java/io/github/ftp3p/interop) from its\n")
                .append("// results on every full run of ./mvnw verify. Do not edit by hand.\n\n")
                .append("Each cell is one `ftp3p:copy` through the Camel endpoint between two servers on this machine's\n")
                .append("loopback, checked byte for byte and verified by `SIZE`: *yes* passed, *no* failed, *refused* the\n")
                .append("exchange failed, as it must, with an FXP refusal (`FxpRefusedException`) that names the server's\n")
                .append("setting, and nothing was written on the target; *-* not run (server not installed). The servers\n")
                .append("run with the FXP settings listed at the end.\n\n")
                .append("== Servers\n\n")
                .append("All from Debian 12, installed by `.ci/install-ftp-servers` (idempotent; it prints one status line per\n")
                .append("server): vsftpd 3.0.3 and pyftpdlib 1.5.7 (`python3-pyftpdlib`, run by `/usr/bin/python3`) with apt;\n")
                .append("ProFTPD 1.3.8, Pure-FTPd 1.0.50, netkit ftpd 0.17 (`ftpd-ssl`) and GNU inetutils ftpd 2.4\n")
                .append("(`inetutils-ftpd`), which conflict on the virtual package `ftp-server`, extracted with `dpkg-deb -x`.\n")
                .append("netkit and inetutils ftpd are inetd-style: `socat` listens for them. They log in system users only, so\n")
                .append("the script creates the account `ftp3p` (home `/`, a random password in `$FTP3P_SERVERS/ftpd-user`) and\n")
                .append("`/etc/pam.d/ftp`. Apache FtpServer 1.2.1 is embedded in the tests.\n\n")
                .append("== Addresses\n\n")
                .append("Every server listens on its own loopback address, and the Camel client's control sockets come from\n")
                .append("yet another one (`socketFactory` bound to `127.0.0.2`), so that each server sees the other\n")
                .append("server's data connection, or a `PORT` to it, as foreign, as between real hosts: its FXP check\n")
                .append("applies. (With everything on `127.0.0.1` the checks always pass.) A source listens on\n")
                .append("`127.0.1.N`, a target on `127.0.2.N`: N = 1 Apache FtpServer, 2 vsftpd, 3 ProFTPD, 4 Pure-FTPd,\n")
                .append("5 pyftpdlib, 6 netkit ftpd, 7 inetutils ftpd, 8 pyftpdlib strict, 9 netkit ftpd without `-P`.\n")
                .append("IPv6 has one loopback address: there servers and client all use `::1`.\n\n")
                .append("== IPv4\n\n")
                .append("GNU inetutils ftpd answers every `PORT` or `EPRT` to an address other than the client's with\n")
                .append("`500 Illegal PORT Command` / `500 Illegal EPRT Command`, and has no setting to allow it: it can never\n")
                .append("be the active side of FXP, so its cells with it active are *refused*; make it the passive side\n")
                .append("(`passiveSide=source` when it is the source, `target` when it is the target, or `auto`).\n")
                .append("Pure-FTPd, running as root, connects its active data connection from port 20 (ftp-data), and a passive\n")
                .append("netkit ftpd closes a data connection from such a port (`425 Can't build data connection: No such file\n")
                .append("or directory.`): those cells are *refused* too; make Pure-FTPd the passive side.\n\n");
        table(page, "3,2,2,2,2", IPV4_HEADER);
        rows(page, InteropMatrixTest.ALL, results, "IPv4", IPV4_COLUMNS);
        page.append("|===\n\n== IPv6 (::1), EPSV/EPRT\n\n")
                .append("Apache FtpServer is embedded on IPv4 only in these tests, and the newer servers are covered over IPv4\n")
                .append("only, so their IPv6 rows are not run.\n\n");
        table(page, "3,2,2", "| source -> target | target passive | source passive");
        rows(page, RealFtpServer.KINDS, results, "IPv6",
                List.of(new String[] { "target", "auto" }, new String[] { "source", "auto" }));
        page.append("|===\n\n== Batches, pipelined\n\n")
                .append("Each cell is one `ftp3p:move` of 12 files (0 bytes to 110 KB) named in `CamelFtp3pFileNames`, pipelined\n")
                .append("across files with `passiveSide=auto` (the target passive unless that is refused: an inetutils source\n")
                .append("becomes the passive side), each file checked byte for byte and its source gone. To\n")
                .append("vsftpd and Apache FtpServer, which read no command while a transfer runs, the next file's `PASV` and\n")
                .append("`STOR` are written while the current `STOR` runs; ProFTPD answers a `SIZE` sent then before the\n")
                .append("transfer's `226`, and Pure-FTPd answers such a command with `500 Unknown command`, so to them (and to\n")
                .append("any server not recognised by its greeting) nothing is written until the transfer ended.\n")
                .append("Two inetutils ftpd cannot do FXP at all (one of them would have to be active): not run.\n\n");
        table(page, "3,2,2", "| source -> target | PASV/PORT | EPSV/EPRT");
        rows(page, InteropMatrixTest.ALL, results, "batch",
                List.of(new String[] { "auto", "never" }, new String[] { "auto", "always" }));
        page.append("|===\n\n== Missing source file\n\n")
                .append("A copy of a file the source does not have fails on the source with its `550` and leaves nothing on\n")
                .append("the target (server to itself, PASV/PORT).\n\n");
        table(page, "3,2,2", "| source -> target | target passive | source passive");
        for (String kind : InteropMatrixTest.ALL) {
            row(page, results, "missing", kind, kind,
                    List.of(new String[] { "target", "never" }, new String[] { "source", "never" }));
        }
        page.append("|===\n\n== Strict servers\n\n")
                .append("The FXP-refusing variants, each opposite an FXP-allowing ").append(NAMES.get(InteropMatrixTest.PARTNER))
                .append(". pyftpdlib with its defaults refuses\n")
                .append("both: `501 Rejected data connection to foreign address` on `PORT`/`EPRT`, and, on the passive side,\n")
                .append("`425 Rejected data connection from foreign address` when the other server connects. netkit ftpd\n")
                .append("without `-P` refuses `PORT` to another address (`500 Illegal PORT rejected (address wrong).`) but\n")
                .append("*not* `EPRT`, which it connects wherever asked (a bounce hole), and it accepts passive data\n")
                .append("connections from any host: so only its PASV/PORT cells as the active side are refused.\n\n");
        table(page, "3,2,2,2,2", IPV4_HEADER);
        for (String label : InteropMatrixTest.STRICT) {
            row(page, results, "strict", label, InteropMatrixTest.PARTNER, IPV4_COLUMNS);
            row(page, results, "strict", InteropMatrixTest.PARTNER, label, IPV4_COLUMNS);
        }
        page.append("|===\n\n== Server settings these rows need\n\n")
                .append("FXP means a server accepts a `PORT` to, or a passive data connection from, a host other than the\n")
                .append("client. Most servers refuse both by default; each row above ran with:\n\n")
                .append("[cols=\"1,3\",options=\"header\"]\n|===\n| server | settings\n")
                .append("| Apache FtpServer 1.2.1 | `activeIpCheck=false`, `passiveIpCheck=false` (the defaults)\n")
                .append("| vsftpd 3.0.3 | `pasv_promiscuous=YES` (as the passive side), `port_promiscuous=YES` (as the active side)\n")
                .append("| ProFTPD 1.3.8 | `AllowForeignAddress on`; it never connects to a port below 1024\n")
                .append("| Pure-FTPd 1.0.50 | `-w` (`AllowUserFXP yes`); `-W` for anonymous users; refuses ports below 1024\n")
                .append("| pyftpdlib 1.5.7 | `FTPHandler.permit_foreign_addresses = True` (both sides); data ports below 1024 stay\n")
                .append("refused (`permit_privileged_ports = False`)\n")
                .append("| netkit ftpd 0.17 (`ftpd-ssl`) | `-P` (as the active side, for `PORT`); nothing needed as the passive side,\n")
                .append("nor for `EPRT`, which it never checks\n")
                .append("| GNU inetutils ftpd 2.4 | none: it never connects to a foreign address; as the passive side it needs\n")
                .append("nothing\n")
                .append("|===\n\n")
                .append("With these settings off, and the client on another address than the servers, every orientation\n")
                .append("is refused (see `StrictServersTest`): ftp3p fails with one error that lists each orientation's\n")
                .append("refusal and the setting above, or, with `fallback=relay`, relays the data through the Camel host.\n\n")
                .append("== Quirks of the newer servers\n\n")
                .append("* pyftpdlib connects the data connection of a `PORT` while it handles the `PORT` (`200 Active data\n")
                .append("  connection established`), and answers `PORT` and `RETR` written together `150` before `200`: its replies\n")
                .append("  come out of order. As the active receiver it drops a data connection on which bytes arrive before its\n")
                .append("  `STOR` (the sender then gets `426`), so its `STOR` must be sent before the source's `RETR`.\n")
                .append("* netkit and inetutils ftpd are inetd-style (run here behind `socat`, one process per session), answer\n")
                .append("  pipelined commands in order and connect the active data connection only at the transfer command. netkit\n")
                .append("  sends no `FEAT` (`500`), but answers `SIZE` and `MDTM`; it connects from the control port minus one.\n")
                .append("* Both log in system users only (here the account `ftp3p`, home `/`, created by `.ci/install-ftp-servers`)\n")
                .append("  and do not chroot them: paths are absolute.\n")
                .append(TWO_HOSTS)
                .append(currentSync());
        return page.toString();
    }

    private static String cell(String result) {
        if (result == null) {
            return "-";
        }
        return switch (result) {
            case "ok" -> "yes";
            case "refused" -> "refused";
            default -> "no";
        };
    }
}
