package io.github.ftp3p.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * lftp as an FXP peer, one process per run, forced to FXP (no silent relay), no TLS, no MODE Z, measured from
 * outside: wall time, CPU time and peak resident memory. Its progress polling is off ({@code ftp:stat-interval}):
 * it sends {@code STAT} with Telnet IAC bytes during a transfer, which Apache FtpServer answers with
 * {@code 501 Invalid character in command}, and lftp then fails the copy.
 */
final class Lftp {

    static final String BINARY = "/usr/bin/lftp";
    private static final String TIME = "/usr/bin/time";
    private static final String SETTINGS = "set ftp:use-fxp yes; set ftp:fxp-force yes; set ftp:ssl-allow no; "
            + "set ftp:use-mode-z no; set cmd:fail-exit yes; set net:max-retries 1; set ftp:stat-interval 3600; ";

    private final Path work;

    Lftp(Path work) {
        this.work = work;
    }

    static boolean available() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /** {@code get SOURCE -o TARGET}: one file, server to server. */
    Measurement get(ServerPair pair, String sub, String name) {
        return run("get " + pair.source.lftpUrl(pair.source.ftpPath(sub) + "/" + name)
                + " -o " + pair.target.lftpUrl(pair.target.ftpPath(sub) + "/" + name));
    }

    /** {@code mirror [--parallel=N] SOURCE-DIR TARGET-DIR}: every file of the directory, server to server. */
    Measurement mirror(ServerPair pair, String sub, int parallel) {
        return run("mirror" + (parallel > 1 ? " --parallel=" + parallel : "") + " "
                + pair.source.lftpUrl(pair.source.ftpPath(sub)) + " " + pair.target.lftpUrl(pair.target.ftpPath(sub)));
    }

    /**
     * Runs one lftp command. {@code /usr/bin/time} gives its peak resident set; its CPU time comes from the
     * shell that starts it ({@code times}: the children's user and system time, in milliseconds, where
     * {@code time -f %U} has only hundredths).
     */
    private Measurement run(String command) {
        try {
            Path rss = Files.createTempFile(work, "lftp-rss", ".txt");
            Path cpu = Files.createTempFile(work, "lftp-cpu", ".txt");
            Path log = Files.createTempFile(work, "lftp", ".log");
            boolean timed = Files.isExecutable(Path.of(TIME));
            List<String> argv = new ArrayList<>();
            if (timed) {
                argv.addAll(List.of(TIME, "-f", "%M", "-o", rss.toString()));
            }
            argv.addAll(List.of("/bin/bash", "-c", BINARY + " -c \"$1\"; rc=$?; times > \"$2\"; exit $rc", "lftp",
                    SETTINGS + command, cpu.toString()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("lftp took over 30 minutes: " + command);
            }
            long wall = System.nanoTime() - start;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("lftp exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            long cpuNanos = childrenCpu(Files.readAllLines(cpu));
            long peak = -1;
            if (timed) {
                List<String> lines = Files.readAllLines(rss); // the last line is time's own: the maximum RSS in KiB
                peak = Long.parseLong(lines.get(lines.size() - 1).trim()) * 1024;
            }
            for (Path file : List.of(rss, cpu, log)) {
                Files.delete(file);
            }
            return new Measurement(wall, cpuNanos, peak, -1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run lftp", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** bash's {@code times}: the shell's user and system time, then its children's, as {@code 0m0.012s 0m0.004s}. */
    static long childrenCpu(List<String> times) {
        if (times.size() < 2) {
            return -1;
        }
        long nanos = 0;
        for (String field : times.get(1).trim().split("\\s+")) {
            int m = field.indexOf('m');
            nanos += Math.round((Long.parseLong(field.substring(0, m)) * 60
                    + Double.parseDouble(field.substring(m + 1, field.length() - 1))) * 1e9);
        }
        return nanos;
    }
}
