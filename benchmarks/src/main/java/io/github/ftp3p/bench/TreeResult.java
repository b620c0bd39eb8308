package io.github.ftp3p.bench;

import java.util.List;

/**
 * One client's figures in the tree scenario at one round trip time: the fresh copy of the tree and the unchanged
 * re-run right after it, medians over the repetitions with their spread.
 *
 * @param client         {@link #FTP3P} or {@link #LFTP}
 * @param lanes          ftp3p's parallelTransfers, lftp's mirror --parallel
 * @param rerunTransfers the most RETR + STOR commands the servers received during one re-run (-1: not counted)
 * @param rerunCopied    the most files one re-run's summary says it copied (ftp3p; -1 for lftp)
 * @param rerunUnchanged whether every re-run left every target file as it was (size, time and inode)
 * @param countedRoundTrips the round trips ftp3p's summary counted for the fresh copy, over all its connections
 *                       (median; -1 for lftp)
 */
record TreeResult(String pair, int rttMillis, String client, int lanes, int files, int directories,
                  Measurement fresh, Spread freshSpread, Measurement rerun, Spread rerunSpread,
                  long rerunTransfers, int rerunCopied, boolean rerunUnchanged, long countedRoundTrips) {

    static final String FTP3P = "ftp3p sync";
    static final String LFTP = "lftp mirror";

    /** The fastest and slowest of the repetitions, in seconds. */
    record Spread(double min, double max) {

        static Spread of(List<Measurement> runs) {
            return new Spread(runs.stream().mapToDouble(Measurement::seconds).min().orElse(Double.NaN),
                    runs.stream().mapToDouble(Measurement::seconds).max().orElse(Double.NaN));
        }

        String format() {
            return String.format("%.2f-%.2f", min, max);
        }
    }

    double filesPerSecond() {
        return files / fresh.seconds();
    }

    /** Round trips per file of the fresh copy: the commands are pipelined, so elapsed time / RTT / files. */
    double roundTripsPerFile() {
        return fresh.seconds() * 1000 / rttMillis / files;
    }

    /** Round trips per directory of the unchanged re-run. */
    double roundTripsPerDirectory() {
        return rerun.seconds() * 1000 / rttMillis / directories;
    }

    /** Nothing copied on the re-run, as far as the servers (and for ftp3p its summary) tell; null when unknown. */
    Boolean rerunTransferredNothing() {
        if (rerunTransfers < 0 && rerunCopied < 0) {
            return null;
        }
        return rerunTransfers <= 0 && rerunCopied <= 0 && rerunUnchanged;
    }
}
