package io.github.ftp3p.bench;

import java.util.Optional;

/** The tables of the tree scenario: the fresh copy and the unchanged re-run per client, then the heap check. */
final class TreeReport {

    private TreeReport() {
    }

    static String render(Report report) {
        TreeConfig tree = report.config.tree();
        StringBuilder out = new StringBuilder("4. A tree of " + tree.files() + " files of 4 KiB in " + tree.directories()
                + " directories, into an empty target, then unchanged again (ftp3p sync: parallelTransfers=N, "
                + "maxConnections=N+1; lftp: mirror --parallel=N), min-max over " + tree.reps() + " runs\n");
        Table table = new Table("pair", "RTT ms", "client", "N", "fresh s", "spread s", "files/s", "RTT/file",
                "ftp3p/lftp files/s", "counted RT/file", "client CPU ms/file", "servers CPU ms/file", "re-run s", "spread s", "RTT/dir", "re-run RETR+STOR");
        for (TreeResult r : report.treeResults()) {
            Optional<TreeResult> lftp = find(report, r.pair(), r.rttMillis(), TreeResult.LFTP, r.lanes());
            String speedUp = r.client().equals(TreeResult.FTP3P) && lftp.isPresent()
                    ? Table.number(r.filesPerSecond() / lftp.get().filesPerSecond(), 2) : "";
            table.row(r.pair(), r.rttMillis(), r.client(), r.lanes(), Table.number(r.fresh().seconds(), 2),
                    r.freshSpread().format(), Table.number(r.filesPerSecond(), 0), Table.number(r.roundTripsPerFile(), 2),
                    speedUp, r.countedRoundTrips() < 0 ? "" : Table.number((double) r.countedRoundTrips() / r.files(), 2),
                    Table.number(r.fresh().cpuSeconds() * 1000 / r.files(), 2),
                    r.fresh().serverNanos() < 0 ? "-" : Table.number(r.fresh().serverNanos() / 1e6 / r.files(), 2),
                    Table.number(r.rerun().seconds(), 2), r.rerunSpread().format(),
                    Table.number(r.roundTripsPerDirectory(), 2), transfers(r));
        }
        out.append(table.render());
        out.append("re-run RETR+STOR: the most transfer commands the servers logged in one re-run (ftp3p: and the files its "
                + "summary says it copied); \"rewritten\" if a target file's size, time or inode changed\n");
        if (!report.heapResults().isEmpty()) {
            Table heap = new Table("pair", "files", "directories", "lanes", "peak heap MiB", "heap after GC before MiB",
                    "after MiB", "retained KiB");
            for (HeapResult h : report.heapResults()) {
                heap.row(h.pair(), h.files(), h.directories(), h.lanes(), Table.number(h.peakBytes() / 1048576.0, 1),
                        Table.number(h.retainedBefore() / 1048576.0, 2), Table.number(h.retainedAfter() / 1048576.0, 2),
                        String.format("%.0f", h.retainedGrowth() / 1024.0));
            }
            out.append("\nftp3p heap over one sync of a larger tree (-Xmx64m client JVM, no delay)\n").append(heap.render());
        }
        return out.toString();
    }

    private static String transfers(TreeResult r) {
        String count = r.rerunTransfers() < 0 ? "-" : Long.toString(r.rerunTransfers());
        if (r.rerunCopied() >= 0) {
            count += " (copied " + r.rerunCopied() + ")";
        }
        return r.rerunUnchanged() ? count : count + " rewritten";
    }

    static Optional<TreeResult> find(Report report, String pair, int rtt, String client, int lanes) {
        return report.treeResults().stream().filter(r -> r.pair().equals(pair) && r.rttMillis() == rtt
                && r.client().equals(client) && r.lanes() == lanes).findFirst();
    }
}
