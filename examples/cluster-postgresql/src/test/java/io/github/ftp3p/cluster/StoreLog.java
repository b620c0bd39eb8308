package io.github.ftp3p.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STORs in vsftpd's protocol log, counted per final name: ftp3p stores each attempt under
 * {@code .ftp3p.<name>.<8 hex>} and renames it, so one STOR line per attempt names the file it was for.
 */
final class StoreLog {

    private static final Pattern STOR = Pattern.compile("FTP command: Client \"[^\"]*\", \"STOR ([^\"]+)\"");
    private static final Pattern TEMPORARY = Pattern.compile("\\.ftp3p\\.(.+)\\.[0-9a-f]{8}");

    private StoreLog() {
    }

    static Map<String, Integer> storesPerFinalName(Path vsftpdLog) throws IOException {
        Map<String, Integer> stores = new TreeMap<>();
        Matcher line = STOR.matcher(Files.readString(vsftpdLog));
        while (line.find()) {
            String path = line.group(1);
            String name = path.substring(path.lastIndexOf('/') + 1);
            Matcher temporary = TEMPORARY.matcher(name);
            stores.merge(temporary.matches() ? temporary.group(1) : name, 1, Integer::sum);
        }
        return stores;
    }
}
