package io.github.ftp3p.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many file transfers ({@code RETR} and {@code STOR} commands) a pair's servers received so far, as the servers
 * themselves saw them, whichever client sent them: the proof that an unchanged re-run copied nothing, for lftp as
 * for ftp3p. -1 where a server keeps no such record.
 */
interface TransferCounter {

    long transfers();

    TransferCounter UNKNOWN = () -> -1;

    /** The embedded pair: its child JVM counts the commands its servers recorded ({@link EmbeddedServersMain}). */
    static TransferCounter of(ChildJvm servers) {
        return () -> Long.parseLong(servers.request(EmbeddedServersMain.TRANSFERS, Duration.ofSeconds(30)));
    }

    /** vsftpd with {@code log_ftp_protocol=YES}: each command is a line {@code ... FTP command: Client "...", "RETR f"}. */
    static TransferCounter vsftpdLogs(List<Path> logs) {
        List<LogTail> tails = logs.stream().map(LogTail::new).toList();
        return () -> {
            long sum = 0;
            for (LogTail tail : tails) {
                sum += tail.count();
            }
            return sum;
        };
    }

    /** Counts transfer commands in a growing log, reading only what was appended since the last call. */
    final class LogTail {

        private static final Pattern TRANSFER = Pattern.compile("FTP command: Client \"[^\"]*\", \"(RETR|STOR) ");

        private final Path log;
        private long offset;
        private long count;
        private String partial = "";

        LogTail(Path log) {
            this.log = log;
        }

        synchronized long count() {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                byte[] fresh = new byte[(int) Math.max(0, file.length() - offset)];
                file.seek(offset);
                file.readFully(fresh);
                offset += fresh.length;
                String text = partial + new String(fresh, StandardCharsets.ISO_8859_1);
                int end = text.lastIndexOf('\n') + 1; // a line still being written is counted next time
                partial = text.substring(end);
                Matcher m = TRANSFER.matcher(text.substring(0, end));
                while (m.find()) {
                    count++;
                }
                return count;
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
