package io.github.ftp3p.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TCP sockets in TIME_WAIT on this machine, from /proc/net/tcp and tcp6 (state 06). Every small file is a data
 * connection, and the side that closes first keeps it in TIME_WAIT for a minute: after some thousands of them,
 * binding and connecting (the kernel's search for a free port) cost the servers much more system CPU, whichever
 * client drives them: Apache FtpServer and vsftpd copied small files 3-4 times slower above some 10,000. Each run
 * therefore waits until the count is below {@code bench.maxTimeWait}, and prints it.
 */
final class TimeWait {

    private TimeWait() {
    }

    /**
     * Waits until fewer than {@code max} sockets are in TIME_WAIT (each leaves it a minute after its connection
     * closed), at most {@code limit}; returns the count it stopped at. {@code max} 0 returns at once.
     */
    static long awaitBelow(long max, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long count = count();
        while (max > 0 && count >= max && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            count = count();
        }
        return count;
    }

    /** The number of sockets in TIME_WAIT, or -1 when /proc cannot tell. */
    static long count() {
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                count += Files.readAllLines(Path.of(table)).stream().skip(1).filter(TimeWait::isTimeWait).count();
            } catch (IOException e) {
                return -1;
            }
        }
        return count;
    }

    /** A line of /proc/net/tcp: "sl local_address rem_address st ...", st 06 is TIME_WAIT. */
    static boolean isTimeWait(String line) {
        String[] fields = line.trim().split("\\s+");
        return fields.length > 3 && fields[3].equals("06");
    }
}
