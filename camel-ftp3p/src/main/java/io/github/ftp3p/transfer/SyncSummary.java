package io.github.ftp3p.transfer;

import java.util.List;

/**
 * What one tree sync did: every path it acted on, and the totals. A record of plain values, so that Camel can
 * marshal it to JSON and split it per file ({@code split(simple("${body.entries}"))}).
 *
 * @param entries            each path copied, skipped, deleted, created or failed, in the order decided
 * @param copied             files copied (with dryRun: that would be)
 * @param skipped            files left alone as up to date (or, with newOnly, present)
 * @param deleted            files and directories deleted on the target (with dryRun: that would be)
 * @param failed             paths that failed
 * @param directoriesCreated directories made on the target (with dryRun: that would be)
 * @param bytes              bytes copied server to server
 * @param listingBytes       bytes of directory listings, the only data that crossed this host
 * @param roundTrips         control round trips on the connections the sync held, summed over them: each time
 *                           commands were written and a reply then awaited (commands pipelined in one write count
 *                           once); not counted are the logins of connections opened meanwhile and the progress
 *                           polls (a connection of their own). The two servers and the lanes are waited for at
 *                           once, so the elapsed time is fewer round trips than this
 * @param durationMillis     how long the sync took
 * @param dryRun             nothing was changed: the entries are the plan
 */
public record SyncSummary(List<SyncEntry> entries, int copied, int skipped, int deleted, int failed,
        int directoriesCreated, long bytes, long listingBytes, long roundTrips, long durationMillis, boolean dryRun) {

    public SyncSummary {
        entries = List.copyOf(entries);
    }

    /** The entries that failed. */
    public List<SyncEntry> failures() {
        return entries.stream().filter(e -> e.action() == SyncEntry.Action.FAILED).toList();
    }
}
