package io.github.ftp3p.camel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.ftp3p.protocol.Paths;
import org.apache.camel.support.ObjectHelper;

/**
 * The names a {@value Ftp3pConstants#FILE_NAMES} header lists, each checked before anything is sent: a List (or
 * any collection or array), or a String split at every comma together with the spaces right after it, so that
 * {@code "a.csv, b.csv"} names two files as it always did. Nothing else is trimmed, since a file name may end in a
 * space; a name that starts with one needs a List.
 */
final class FileNamesHeader {

    private static final String HEADER = "header " + Ftp3pConstants.FILE_NAMES;

    private FileNamesHeader() {
    }

    /**
     * @throws IllegalArgumentException naming the header and the position (from 1) of a name that is null, empty,
     *                                  unsafe (see {@link Paths#requireContained}) or a repeat of an earlier one
     */
    static List<String> names(Object header) {
        Iterable<?> items = header instanceof String list ? Arrays.asList(list.split(", *", -1))
                : ObjectHelper.createIterable(header);
        List<String> names = new ArrayList<>();
        // By their segments, so that a.csv and ./a.csv, or x/a.csv and x\a.csv, count as the same file.
        Map<List<String>, Integer> seen = new HashMap<>();
        for (Object item : items) {
            String field = HEADER + ", name " + (names.size() + 1);
            if (item == null) {
                throw new IllegalArgumentException(field + " is null");
            }
            String name = Paths.requireContained(field, String.valueOf(item));
            Integer earlier = seen.putIfAbsent(Paths.segments(name), names.size() + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(field + " '" + name + "' is the file of name " + earlier + " again");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("The " + HEADER + " lists no file");
        }
        return names;
    }
}
