package io.github.ftp3p.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.ftp3p.testing.RealFtpServer;

/**
 * Two servers of one kind, {@code a} the source and {@code b} the target, each with a {@code bench} directory,
 * all running outside the harness's JVM: real servers are processes of their own, and the embedded Apache
 * FtpServers run in a child JVM.
 */
final class ServerPair implements AutoCloseable {

    /** The name of the embedded Apache FtpServer pair in {@code bench.pairs}. */
    static final String FTPSERVER = "ftpserver";

    final String name;
    final Server source;
    final Server target;
    /** The processes the servers run in, whose CPU time a run is charged with. */
    final List<ProcessHandle> processes;
    private final List<AutoCloseable> resources;
    private final TransferCounter counter;

    ServerPair(String name, Server source, Server target, List<ProcessHandle> processes, List<AutoCloseable> resources,
               TransferCounter counter) {
        this.name = name;
        this.source = source;
        this.target = target;
        this.processes = processes;
        this.resources = resources;
        this.counter = counter;
    }

    /** RETR and STOR commands both servers received so far (their own records), or -1 when they keep none. */
    long transfers() {
        return counter.transfers();
    }

    /** CPU time both servers used so far, or -1 when it cannot be read. */
    long serverCpuNanos() {
        return ServerCpu.nanos(processes);
    }

    /** Starts the pair, or returns empty when the server is not installed here. */
    static Optional<ServerPair> start(String kind, Path work) {
        return FTPSERVER.equals(kind) ? Optional.of(embedded(work)) : real(kind, work);
    }

    private static ServerPair embedded(Path work) {
        Path a = Fixtures.directory(work.resolve(FTPSERVER).resolve("a"));
        Path b = Fixtures.directory(work.resolve(FTPSERVER).resolve("b"));
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(ChildJvm.extraOptions("bench.serverJvmOptions"));
        ChildJvm child = ChildJvm.start(FTPSERVER, jvm, EmbeddedServersMain.class,
                List.of(a.toString(), b.toString()));
        String[] ready = child.reply(Duration.ofSeconds(60)).split(" ");
        Server source = new Server("127.0.0.1", Integer.parseInt(ready[1]), ready[2], ready[3], "bench",
                Fixtures.directory(a.resolve("bench")));
        Server target = new Server("127.0.0.1", Integer.parseInt(ready[4]), ready[5], ready[6], "bench",
                Fixtures.directory(b.resolve("bench")));
        return new ServerPair(FTPSERVER, source, target, List.of(child.process()), List.of(child), TransferCounter.of(child));
    }

    private static Optional<ServerPair> real(String kind, Path work) {
        if (!RealFtpServer.isAvailable(kind)) {
            System.err.println("Skipping the " + kind + " pair: " + RealFtpServer.unavailableReason(kind));
            return Optional.empty();
        }
        // Each data connection can leave a passive port in TIME_WAIT for a minute, and the relay makes two per file:
        // with a small range Pure-FTPd and ProFTPD soon answer PASV with 425 "Address already in use".
        RealFtpServer.Options options = RealFtpServer.Options.defaults().withPassivePortCount(500);
        RealFtpServer a = RealFtpServer.start(kind, work.resolve(kind + "-a"), options).orElseThrow();
        RealFtpServer b;
        try {
            b = RealFtpServer.start(kind, work.resolve(kind + "-b"), options).orElseThrow();
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        TransferCounter counter = kind.equals(RealFtpServer.VSFTPD)
                ? TransferCounter.vsftpdLogs(List.of(a.logFile(), b.logFile())) : TransferCounter.UNKNOWN;
        return Optional.of(new ServerPair(kind, server(a), server(b), List.of(a.process(), b.process()), List.of(a, b),
                counter));
    }

    private static Server server(RealFtpServer s) {
        String root = s.writableDirectory().isEmpty() ? "bench" : s.writableDirectory() + "/bench";
        return new Server(s.host(), s.port(), s.user(), s.password(), root, Fixtures.directory(s.home().resolve("bench")));
    }

    /** The same servers reached through other ports (proxies in front of their control ports). */
    ServerPair via(int sourcePort, int targetPort) {
        return new ServerPair(name, source.via(sourcePort), target.via(targetPort), processes, List.of(), counter);
    }

    /** Creates {@code sub} on both servers. */
    void directories(String sub) {
        Fixtures.directory(source.local(sub));
        Fixtures.directory(target.local(sub));
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Closing " + name + ": " + e);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
