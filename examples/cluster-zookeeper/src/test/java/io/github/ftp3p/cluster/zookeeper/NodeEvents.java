package io.github.ftp3p.cluster.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the nodes' logs say happened: who became leader when, and each finished move, in time order. */
record NodeEvents(List<Leadership> leaderships, List<Cleanup> cleanups, List<Move> moves, List<Long> strayChecks) {

    /** A node's "became leader" line. */
    record Leadership(String node, long at) {
    }

    /** A new leader's takeover cleanup: how many temporary files it deleted, and their paths as it logged them. */
    record Cleanup(String node, int deleted, String paths) {
    }

    /** A node's "moved" line: the file is at the target under its final name and gone from the source. */
    record Move(String node, String file, long at) {
    }

    private static final Pattern LEADER = Pattern.compile("became leader node=(\\S+) at=(\\d+)");
    private static final Pattern CLEANUP = Pattern.compile("takeover cleanup node=(\\S+) deleted=(\\d+) in \\d+ ms: (.*)");
    /** LeadershipGuard's lines: a node that finds it is not the leader while its listing still runs. */
    private static final Pattern STRAY = Pattern.compile("(?:not the leader any more|lost the leadership without being told)");
    private static final Pattern AT = Pattern.compile(" at=(\\d+)");
    private static final Pattern MOVED = Pattern.compile("moved node=(\\S+) file=(\\S+) bytes=\\S+ at=(\\d+)");

    static NodeEvents read(Collection<Path> logs) {
        List<Leadership> leaderships = new ArrayList<>();
        List<Cleanup> cleanups = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        List<Long> strayChecks = new ArrayList<>();
        for (Path log : logs) {
            for (String line : lines(log)) {
                Matcher leader = LEADER.matcher(line);
                if (leader.find()) {
                    leaderships.add(new Leadership(leader.group(1), Long.parseLong(leader.group(2))));
                }
                Matcher cleanup = CLEANUP.matcher(line);
                if (cleanup.find()) {
                    cleanups.add(new Cleanup(cleanup.group(1), Integer.parseInt(cleanup.group(2)), cleanup.group(3)));
                }
                Matcher at = AT.matcher(line);
                if (STRAY.matcher(line).find() && at.find()) {
                    strayChecks.add(Long.parseLong(at.group(1)));
                }
                Matcher moved = MOVED.matcher(line);
                if (moved.find()) {
                    moves.add(new Move(moved.group(1), moved.group(2), Long.parseLong(moved.group(3))));
                }
            }
        }
        leaderships.sort(Comparator.comparingLong(Leadership::at));
        moves.sort(Comparator.comparingLong(Move::at));
        strayChecks.sort(null);
        return new NodeEvents(List.copyOf(leaderships), List.copyOf(cleanups), List.copyOf(moves),
                List.copyOf(strayChecks));
    }

    /** The runs of consecutive moves by one node: with one leader at a time, one run per leadership that moved. */
    List<List<Move>> runs() {
        List<List<Move>> runs = new ArrayList<>();
        for (Move move : moves) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).get(0).node().equals(move.node())) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(move);
        }
        return runs;
    }

    private static List<String> lines(Path log) {
        try {
            // A node may be writing a line right now: a torn last line simply does not match yet (Latin-1 never fails).
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
