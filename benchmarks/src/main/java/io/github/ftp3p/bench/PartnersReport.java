package io.github.ftp3p.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.ftp3p.bench.Goals.Goal;
import io.github.ftp3p.bench.PartnersMain.Snapshot;

/** The table of the partners scenario (issue 15), and its goals. */
final class PartnersReport {

    private static final double MIB = 1024.0 * 1024.0;

    private PartnersReport() {
    }

    static String render(Report report) {
        PartnersConfig config = report.config.partners();
        StringBuilder out = new StringBuilder("5. One node, many partners: " + config.endpoints() + " ftp3p:copy endpoints "
                + "(one per partner directory pair) on the embedded pair, one 4 KiB file each, " + config.parallel()
                + " at a time, idleTimeout=" + config.idleTimeout() + " ms, then " + config.idleMillis() / 1000.0
                + " s idle; client JVM -Xmx512m\n");
        for (PartnersResult r : report.partnersResults()) {
            Table table = new Table("moment", "live threads", "ftp3p threads", "heap after GC MiB", "open descriptors");
            row(table, "before the endpoints", r.base());
            row(table, "after the copies (" + Table.number(r.copySeconds(), 1) + " s)", r.busy());
            row(table, "after the idle period", r.idle());
            out.append(table.render());
            out.append(String.format("peak live threads while copying: %d; heap per idle endpoint: %.1f KiB; control "
                    + "connections still pooled: %d; %d endpoints; Camel JMX %s%n", r.peakThreads(),
                    r.heapPerEndpoint() / 1024, r.pooled(), r.endpoints(), r.jmx() ? "on" : "off (no MBean per endpoint)"));
        }
        return out.toString();
    }

    private static void row(Table table, String moment, Snapshot s) {
        table.row(moment, s.threads(), s.ftp3pThreads(), Table.number(s.heapBytes() / MIB, 2), s.descriptors());
    }

    static List<Goal> goals(Report report) {
        Optional<PartnersResult> r = report.partnersResults().stream().findFirst();
        int endpoints = report.config.partners().endpoints();
        int parallel = report.config.partners().parallel();
        List<Goal> goals = new ArrayList<>();
        goals.add(Goals.goal(endpoints + " idle endpoints: live threads <= 32 + transfers in flight (none)",
                "<= " + PartnersResult.THREADS, r.map(p -> p.idle().threads() + " threads"),
                r.map(p -> p.idle().threads() <= PartnersResult.THREADS)));
        goals.add(Goals.goal(endpoints + " endpoints, " + parallel + " copies at once: peak live threads <= 32 + " + parallel,
                "<= " + (PartnersResult.THREADS + parallel), r.map(p -> p.peakThreads() + " threads"),
                r.map(p -> p.peakThreads() <= PartnersResult.THREADS + parallel)));
        goals.add(Goals.goal("heap per idle endpoint <= 16 KiB", "<= 16 KiB",
                r.map(p -> String.format("%.1f KiB", p.heapPerEndpoint() / 1024)),
                r.map(p -> p.heapPerEndpoint() <= PartnersResult.HEAP_PER_ENDPOINT)));
        goals.add(Goals.goal(endpoints + " idle endpoints: open descriptors back to the baseline", "<= baseline",
                r.map(p -> p.idle().descriptors() + " (baseline " + p.base().descriptors() + ", "
                        + p.busy().descriptors() + " after the copies)"),
                r.map(p -> p.idle().descriptors() <= p.base().descriptors())));
        return goals;
    }
}
