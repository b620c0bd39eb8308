package io.github.ftp3p.bench;

/**
 * The median measurement of one client in one scenario.
 *
 * @param scenario {@link #LARGE}, {@link #HEAP}, {@link #MANY} or {@link #RTT}
 * @param pair     the server pair
 * @param mode     {@link #SEQUENTIAL} or {@link #PARALLEL} for the many-file scenarios, else empty
 * @param client   {@link #FTP3P}, {@link #FTP3P_BATCH}, {@link #LFTP} or {@link #RELAY}
 * @param files    the number of files one run copied
 */
record Result(String scenario, String pair, String mode, String client, Measurement m, int files) {

    static final String LARGE = "large";
    /** ftp3p copying a file 1/16 the large one's size: the heap baseline. */
    static final String HEAP = "heap";
    static final String MANY = "many";
    static final String RTT = "rtt";
    static final String SEQUENTIAL = "seq";
    static final String PARALLEL = "x4";
    static final String FTP3P = "ftp3p";
    /** ftp3p with all files of a run named in one exchange per connection pair (CamelFtp3pFileNames). */
    static final String FTP3P_BATCH = "ftp3p batch";
    static final String LFTP = "lftp";
    static final String RELAY = "relay";

    double filesPerSecond() {
        return files / m.seconds();
    }

    double bytesPerFile() {
        return m.socketBytes() < 0 ? -1 : (double) m.socketBytes() / files;
    }
}
