package io.github.ftp3p.protocol;

import java.util.List;

/**
 * The servers refused FXP in every orientation that was tried: PASV/EPSV or PORT/EPRT refused, or the data
 * connection between them refused before any data flowed. The message says FXP was refused, gives each
 * orientation's failure, and what lets each server take part (its setting, or that none exists and what to do
 * instead); side, command and reply are those of the last failure.
 */
public final class FxpRefusedException extends FtpTransferException {

    private final FtpTransferException last;

    /**
     * @param attempts      each orientation tried and its failure, as "target passive: ..."
     * @param advice        what lets the servers take part in FXP in those orientations, one entry per server and role
     * @param mixedFamilies the two servers are reached over different address families (IPv4 and IPv6)
     */
    public FxpRefusedException(List<String> attempts, FtpTransferException last, List<String> advice,
            boolean mixedFamilies) {
        super(last.side(), last.command(), "FXP was refused " + (attempts.size() == 1 ? "" : "in every orientation tried ")
                + "(" + String.join("; ", attempts) + ")"
                + (mixedFamilies ? ". The source and target are reached over different address families (one IPv4, "
                        + "one IPv6): a server can only connect to, or accept, a data connection of its own family, so "
                        + "FXP needs both on the same one, or fallback=relay" : "")
                + ". To allow FXP: " + String.join("; ", advice)
                + "; or set fallback=relay to relay the data through this host", last);
        this.last = last;
    }

    @Override
    public int replyCode() {
        return last.replyCode();
    }

    @Override
    public String replyText() {
        return last.replyText();
    }
}
