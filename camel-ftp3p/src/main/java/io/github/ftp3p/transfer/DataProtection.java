package io.github.ftp3p.transfer;

import java.util.List;
import java.util.function.Function;

import io.github.ftp3p.protocol.DataProtectionException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.protocol.TlsSettings;

/**
 * How the data between two FTPS servers is kept private (PROT P): one of them must be the TLS client of the
 * data connection. SSCN ON, preferably to the receiving side (with SSCN on the sending side and TLS 1.3,
 * ProFTPD was seen to truncate about half the copies: the sender says 226, the receiver 426, which
 * verification then catches); else CPSV to a server that offers it (glFTPd), which must then be the passive
 * side. Never falls back to clear data: that takes dataProtection=clear.
 *
 * @param sscnSide the side to send SSCN ON to, or null
 * @param cpsvSide the side to send CPSV (instead of PASV) to, or null
 */
record DataProtection(Side sscnSide, Side cpsvSide) {

    static final DataProtection CLEAR = new DataProtection(null, null);

    static DataProtection plan(FxpSettings settings, FxpClient client, Function<Side, ServerProfile.Features> features) {
        TlsSettings sourceTls = settings.tls(Side.SOURCE);
        TlsSettings targetTls = settings.tls(Side.TARGET);
        boolean sourcePrivate = sourceTls != null && sourceTls.privateData();
        boolean targetPrivate = targetTls != null && targetTls.privateData();
        if (!sourcePrivate && !targetPrivate) {
            return CLEAR;
        }
        if (sourcePrivate != targetPrivate) {
            throw new DataProtectionException("dataProtection=private needs FTPS on both servers, but only the "
                    + (sourcePrivate ? "source " + client.source.identity() : "target " + client.target.identity())
                    + " uses it; set dataProtection=clear to let the data between them go in clear");
        }
        if (features.apply(Side.TARGET).sscn()) {
            return new DataProtection(Side.TARGET, null);
        }
        if (features.apply(Side.SOURCE).sscn()) {
            client.warnOnce("sscn-sender", "The target {} has no SSCN: the source {} is the TLS client of the data "
                    + "connection instead, which some servers get wrong (verification catches a truncated copy)",
                    client.target.identity(), client.source.identity());
            return new DataProtection(Side.SOURCE, null);
        }
        for (Side side : List.of(Side.TARGET, Side.SOURCE)) {
            if (features.apply(side).cpsv() && settings.passiveSide().orientations().contains(side)) {
                return new DataProtection(null, side);
            }
        }
        throw new DataProtectionException("dataProtection=private needs one server to be the TLS client of the data "
                + "connection between them (SSCN, or CPSV on the passive side), but neither the source "
                + client.source.identity() + " nor the target " + client.target.identity() + " offers it in FEAT; set "
                + "dataProtection=clear to let the data between them go in clear");
    }
}
