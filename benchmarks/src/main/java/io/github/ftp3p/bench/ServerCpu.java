package io.github.ftp3p.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of the servers of a pair, from /proc: user + system time of each server's main process and of its
 * descendants (the session processes of vsftpd, ProFTPD and Pure-FTPd), plus the time of the descendants they
 * already reaped (cutime, cstime). The difference over a run is what the run cost the servers, in clock ticks
 * (10 ms here).
 */
final class ServerCpu {

    /** USER_HZ: the unit of the times in /proc/PID/stat, 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private ServerCpu() {
    }

    /** Nanoseconds of CPU the processes and their descendants used so far; -1 when /proc cannot tell. */
    static long nanos(List<ProcessHandle> roots) {
        if (roots.isEmpty() || !Files.isDirectory(Path.of("/proc/self"))) {
            return -1;
        }
        long ticks = roots.stream().flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .mapToLong(ServerCpu::ticks).sum();
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** utime + stime + cutime + cstime of one process, 0 when it is gone. */
    static long ticks(ProcessHandle process) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The four times in a /proc/PID/stat line: fields 14 to 17, counted after the command name in parentheses. */
    static long parseTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state): utime is field 14.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }
}
