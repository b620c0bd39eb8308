package io.github.ftp3p.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The harness's handle on a client JVM ({@link ClientMain}) for one server pair. */
final class JvmClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    final String name;
    private final ChildJvm child;

    private JvmClient(String name, ChildJvm child) {
        this.name = name;
        this.child = child;
    }

    /**
     * ftp3p, in a JVM with a 64 MiB heap: it holds no file data, so its heap must not depend on the file size.
     * {@code bench.clientJvmOptions} adds options to it (space-separated), e.g. a flight recording to profile it.
     */
    static JvmClient ftp3p(ServerPair pair, String ftp3pOptions) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx64m"));
        jvm.addAll(ChildJvm.extraOptions("bench.clientJvmOptions"));
        return start("ftp3p", pair, jvm, List.of("ftp3pOptions=" + ftp3pOptions));
    }

    /** The camel-ftp relay, in a JVM with the default heap. */
    static JvmClient relay(ServerPair pair) {
        return start("relay", pair, List.of(), List.of());
    }

    private static JvmClient start(String kind, ServerPair pair, List<String> jvmOptions, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(kind));
        args.addAll(pair.source.toArgs("source"));
        args.addAll(pair.target.toArgs("target"));
        args.addAll(extra);
        ChildJvm child = ChildJvm.start(kind + "@" + pair.name, jvmOptions, ClientMain.class, args);
        String ready = child.reply(Duration.ofSeconds(60));
        if (!ready.equals("ready")) {
            child.close();
            throw new IllegalStateException(kind + " client: " + ready);
        }
        return new JvmClient(kind, child);
    }

    Measurement copy(String sub, String file) {
        return parse(child.request("copy " + sub + " " + file, TIMEOUT));
    }

    Measurement copyAll(String sub, String prefix, int count, int parallel) {
        return parse(child.request("many " + sub + " " + prefix + " " + count + " " + parallel, TIMEOUT));
    }

    Measurement copyBatches(String sub, String prefix, int count, int parallel) {
        return parse(child.request("batch " + sub + " " + prefix + " " + count + " " + parallel, TIMEOUT));
    }

    /** One ftp3p:sync of the tree {@code sub} with {@code lanes} parallel transfers. */
    SyncRun sync(String sub, int lanes) {
        String reply = child.request("sync " + sub + " " + lanes, TIMEOUT);
        Measurement m = parse(reply);
        String[] f = reply.substring(3).trim().split(" ");
        return new SyncRun(m, Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]));
    }

    /**
     * A sync's measurement, its summary's counts (roundTrips: the control round trips it counted over all its
     * connections), and the heap in use after a GC before and after it.
     */
    record SyncRun(Measurement m, int copied, int skipped, int failed, long retainedBefore, long retainedAfter,
                   long roundTrips) {
    }

    private Measurement parse(String reply) {
        if (!reply.startsWith("ok ")) {
            throw new IllegalStateException(name + " failed: " + reply);
        }
        return Measurement.parse(reply.substring(3));
    }

    @Override
    public void close() {
        child.close();
    }
}
