package io.github.ftp3p.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TCP sockets in TIME_WAIT on this machine, from /proc/net/tcp and tcp6 (state 06). Every small file is a data
 * connection, and the side that closes first keeps it in TIME_WAIT for a minute: after some thousands of them,
 * binding and connecting (the kernel's search for a free port) cost the servers much more system CPU, whichever
 * client drives them. The harness prints the count with each run so that a slow run can be told from a slow client.
 */
final class TimeWait {

    private TimeWait() {
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
