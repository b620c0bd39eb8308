package io.github.ftp3p.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two server hosts and a Camel host on one machine, made of network namespaces, to show where FXP bytes flow.
 *
 * <p>Servers A and B each get a namespace of their own; the Camel host is this JVM's namespace. Three veth pairs,
 * in a private block {@code 10.203.N.0/24} chosen so that it overlaps no address or route here:
 * <pre>
 *   Camel host (this JVM)        namespace A               namespace B
 *   camelA .5 ---------------- .6   A .1 ==================== .2 B   .10 ---------------- .9 camelB
 *                                      the server link, direct
 * </pre>
 * Server A listens on {@code .1} and B on {@code .2}, the two ends of the direct link; the Camel host routes
 * {@code .1} through its veth to A and {@code .2} through its veth to B. A and B know only their connected
 * routes, so a data connection between them can only take the direct link, and nothing between them can cross
 * the Camel host's interfaces (which, besides, does not forward: nothing here turns forwarding on). Counting
 * bytes on {@link #camelHostBytes()} and {@link #serverLinkBytes()} therefore separates control from data.
 *
 * <p>Every name carries a random suffix; {@link #close()} (also run by a shutdown hook) deletes the Camel host's
 * veths, whose peers and routes go with them, and both namespaces with what remains in them.
 */
public final class TwoHostNetwork implements AutoCloseable {

    private static final Pattern COUNTER = Pattern.compile("\"(?:rx|tx)\":\\{\"bytes\":(\\d+)");
    private static final Pattern IPV4_BLOCK = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})(?:/(\\d{1,2}))?");

    /** One end of a veth pair: its namespace (null: the Camel host's), its name, its last address byte. */
    private record End(String namespace, String name, int host) {
    }

    private final String prefix;
    private final String namespaceA;
    private final String namespaceB;
    private final End camelA;
    private final End aCamel;
    private final End aLink;
    private final End bLink;
    private final End bCamel;
    private final End camelB;
    private final Thread shutdownHook = new Thread(this::close, "two-host-network-cleanup");
    private final AtomicBoolean closed = new AtomicBoolean();

    private TwoHostNetwork(String suffix, String prefix) {
        this.prefix = prefix;
        this.namespaceA = "ftp3p-a-" + suffix;
        this.namespaceB = "ftp3p-b-" + suffix;
        // Interface names have at most 15 characters.
        this.camelA = new End(null, "f3" + suffix + "ca", 5);
        this.aCamel = new End(namespaceA, "f3" + suffix + "ac", 6);
        this.aLink = new End(namespaceA, "f3" + suffix + "ab", 1);
        this.bLink = new End(namespaceB, "f3" + suffix + "ba", 2);
        this.bCamel = new End(namespaceB, "f3" + suffix + "bc", 10);
        this.camelB = new End(null, "f3" + suffix + "cb", 9);
    }

    /**
     * Why the namespaces cannot be made here (not root, no {@code ip}, no permission), phrased for a skip message;
     * null if they can: a throw-away namespace with a veth pair in it is made and deleted to find out.
     */
    public static String unavailableReason() {
        String probe = "ftp3p-probe-" + suffix();
        try {
            ip(null, "netns", "add", probe);
        } catch (IOException e) {
            return "cannot make a network namespace (root and iproute2 are needed): " + e.getMessage();
        }
        String reason = null;
        try {
            ip(probe, "link", "add", "probe0", "type", "veth", "peer", "name", "probe1");
        } catch (IOException e) {
            reason = "cannot make a veth pair in a network namespace: " + e.getMessage();
        }
        try {
            ip(null, "netns", "delete", probe);
        } catch (IOException e) {
            return "cannot delete the network namespace " + probe + ": " + e.getMessage();
        }
        return reason;
    }

    /** Makes the namespaces, links, addresses and routes; on failure removes what it made. */
    public static TwoHostNetwork create() throws IOException {
        TwoHostNetwork network = new TwoHostNetwork(suffix(), freePrefix());
        Runtime.getRuntime().addShutdownHook(network.shutdownHook);
        try {
            network.build();
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    private void build() throws IOException {
        ip(null, "netns", "add", namespaceA);
        ip(null, "netns", "add", namespaceB);
        ip(null, "link", "add", aLink.name, "netns", namespaceA, "type", "veth", "peer", "name", bLink.name,
                "netns", namespaceB);
        ip(null, "link", "add", camelA.name, "type", "veth", "peer", "name", aCamel.name, "netns", namespaceA);
        ip(null, "link", "add", camelB.name, "type", "veth", "peer", "name", bCamel.name, "netns", namespaceB);
        for (End end : List.of(camelA, aCamel, aLink, bLink, bCamel, camelB)) {
            ip(end.namespace, "address", "add", address(end) + "/30", "dev", end.name);
            ip(end.namespace, "link", "set", end.name, "up");
        }
        ip(namespaceA, "link", "set", "lo", "up");
        ip(namespaceB, "link", "set", "lo", "up");
        ip(null, "route", "add", address(aLink) + "/32", "via", address(aCamel), "dev", camelA.name);
        ip(null, "route", "add", address(bLink) + "/32", "via", address(bCamel), "dev", camelB.name);
    }

    /** Server A's place: its namespace, and its end of the server link. */
    public NamespaceHost serverA() {
        return new NamespaceHost(namespaceA, address(aLink));
    }

    /** Server B's place: its namespace, and its end of the server link. */
    public NamespaceHost serverB() {
        return new NamespaceHost(namespaceB, address(bLink));
    }

    /** The block in use, e.g. {@code 10.203.57.0/24}. */
    public String block() {
        return prefix + "0/24";
    }

    /** Bytes received plus sent, since they were made, on the Camel host's two veths: all it exchanged with A and B. */
    public long camelHostBytes() throws IOException {
        return bytes(camelA) + bytes(camelB);
    }

    /** Bytes received plus sent, since it was made, on A's end of the direct link between A and B. */
    public long serverLinkBytes() throws IOException {
        return bytes(aLink);
    }

    private static long bytes(End end) throws IOException {
        String json = ip(end.namespace, "-j", "-s", "link", "show", "dev", end.name);
        Matcher m = COUNTER.matcher(json);
        long sum = 0;
        int found = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
            found++;
        }
        if (found != 2) {
            throw new IOException("no rx and tx byte counters for " + end.name + " in: " + json);
        }
        return sum;
    }

    private String address(End end) {
        return prefix + end.host;
    }

    @Override
    public String toString() {
        return "TwoHostNetwork[" + block() + ", A " + namespaceA + " " + address(aLink) + ", B " + namespaceB + " "
                + address(bLink) + ", Camel host " + camelA.name + " " + address(camelA) + " and " + camelB.name + " "
                + address(camelB) + "]";
    }

    /** Deletes everything {@link #create()} made, whatever exists of it; further calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down, maybe in this very hook: go on
        }
        // The Camel host's veths first: a namespace's devices are removed asynchronously after its deletion, and
        // its peers in this namespace would linger meanwhile.
        for (List<String> command : List.of(List.of("link", "delete", camelA.name), List.of("link", "delete",
                camelB.name), List.of("netns", "delete", namespaceA), List.of("netns", "delete", namespaceB))) {
            try {
                ip(null, command.toArray(String[]::new));
            } catch (IOException e) {
                // never made, or already gone with its namespace
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** Five hex digits: unique enough between runs, short enough for interface names. */
    private static String suffix() {
        return String.format("%05x", ThreadLocalRandom.current().nextInt(1 << 20));
    }

    /** {@code ip [-n namespace] args...}, its output. */
    private static String ip(String namespace, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        if (namespace != null) {
            command.addAll(List.of("-n", namespace));
        }
        command.addAll(List.of(args));
        return RealFtpServerProcess.run(command, Path.of("/"));
    }

    /**
     * {@code "10.203.N."} for an N whose /24 overlaps no address or route in this namespace (any table), e.g. a
     * second run of this test at the same time, or a real network that happens to use 10.203.
     */
    private static String freePrefix() throws IOException {
        String here = ip(null, "-4", "-o", "route", "show", "table", "all") + ip(null, "-4", "-o", "address", "show");
        List<long[]> taken = new ArrayList<>();
        Matcher m = IPV4_BLOCK.matcher(here);
        while (m.find()) {
            taken.add(new long[] {ipv4(m.group(1)), m.group(2) == null ? 32 : Integer.parseInt(m.group(2))});
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int n = ThreadLocalRandom.current().nextInt(16, 240);
            long block = ipv4("10.203." + n + ".0");
            if (taken.stream().noneMatch(t -> overlap(block, 24, t[0], (int) t[1]))) {
                return "10.203." + n + ".";
            }
        }
        throw new IOException("no free /24 in 10.203.0.0/16 here: " + here);
    }

    private static boolean overlap(long a, int aBits, long b, int bBits) {
        int bits = Math.min(aBits, bBits);
        return bits == 0 || (a >>> (32 - bits)) == (b >>> (32 - bits));
    }

    private static long ipv4(String dotted) {
        long value = 0;
        for (String part : dotted.split("\\.")) {
            value = (value << 8) | (Integer.parseInt(part) & 0xff);
        }
        return value;
    }
}
