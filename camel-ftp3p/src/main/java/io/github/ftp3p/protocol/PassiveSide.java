package io.github.ftp3p.protocol;

import java.util.List;

/** Which server is sent PASV/EPSV, the other one getting PORT/EPRT. */
public enum PassiveSide {

    /** The target first, as lftp does by default; then the source if that orientation is refused. */
    AUTO(List.of(Side.TARGET, Side.SOURCE)),
    TARGET(List.of(Side.TARGET)),
    SOURCE(List.of(Side.SOURCE));

    private final List<Side> orientations;

    PassiveSide(List<Side> orientations) {
        this.orientations = orientations;
    }

    /** The passive sides to try, in order. */
    public List<Side> orientations() {
        return orientations;
    }
}
