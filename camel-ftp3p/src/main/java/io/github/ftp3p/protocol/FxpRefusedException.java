package io.github.ftp3p.protocol;

import java.util.List;

/**
 * FXP failed in every orientation that was tried: the servers refused PASV/EPSV or PORT/EPRT, or their data
 * connection failed. The message gives each orientation's failure and the server settings that allow FXP;
 * side, command and reply are those of the last failure.
 */
public final class FxpRefusedException extends FtpTransferException {

    private final FtpTransferException last;

    /** @param mixedFamilies the two servers are reached over different address families (IPv4 and IPv6) */
    public FxpRefusedException(List<String> attempts, FtpTransferException last, ServerSoftware source,
            ServerSoftware target, boolean mixedFamilies) {
        super(last.side(), last.command(), "FXP failed in every orientation: " + String.join("; ", attempts)
                + (mixedFamilies ? ". The source and target are reached over different address families (one IPv4, "
                        + "one IPv6): a server can only connect to, or accept, a data connection of its own family, so "
                        + "FXP needs both on the same one, or fallback=relay" : "")
                + ". Both servers must allow FXP (source, " + source.fxpSetting() + "; target, " + target.fxpSetting()
                + "), or set fallback=relay to relay the data through this host", last);
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
