package io.github.ftp3p.bench;

import io.github.ftp3p.bench.PartnersMain.Snapshot;

/**
 * The partners scenario's figures, from its client JVM ({@link PartnersMain}).
 *
 * @param endpoints   ftp3p endpoints in the context at the end
 * @param parallel    copies at once while each partner sent its file: the transfers in flight
 * @param idleTimeout the endpoints' idleTimeout, ms
 * @param idleMillis  how long the node then stayed idle
 * @param copySeconds how long the copies took, all partners
 * @param base        before the endpoints (after a warm-up partner, removed)
 * @param peakThreads the most live threads at once while copying
 * @param busy        right after the copies
 * @param idle        after the idle period
 * @param pooled      control connections the endpoints still held after it (idle and lent out)
 * @param jmx         whether Camel's JMX management was on (an MBean per endpoint)
 */
record PartnersResult(int endpoints, int parallel, long idleTimeout, long idleMillis, double copySeconds, Snapshot base,
                      int peakThreads, Snapshot busy, Snapshot idle, long pooled, boolean jmx) {

    /** Live threads allowed once idle, besides those of the transfers in flight. */
    static final int THREADS = 32;
    /** Heap each idle endpoint may cost. */
    static final long HEAP_PER_ENDPOINT = 16 * 1024;

    double heapPerEndpoint() {
        return (double) (idle.heapBytes() - base.heapBytes()) / endpoints;
    }

    String toLine() {
        return endpoints + " " + parallel + " " + idleTimeout + " " + idleMillis + " " + copySeconds + " "
                + base.toLine() + " " + peakThreads + " " + busy.toLine() + " " + idle.toLine() + " " + pooled + " " + jmx;
    }

    static PartnersResult parse(String line) {
        String[] f = line.trim().split(" ");
        return new PartnersResult(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Double.parseDouble(f[4]), Snapshot.parse(f, 5), Integer.parseInt(f[9]),
                Snapshot.parse(f, 10), Snapshot.parse(f, 14), Long.parseLong(f[18]), Boolean.parseBoolean(f[19]));
    }
}
