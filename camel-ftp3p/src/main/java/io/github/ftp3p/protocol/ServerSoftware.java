package io.github.ftp3p.protocol;

import java.util.Locale;

/**
 * FTP server software recognised from its greeting, and the setting that lets it take part in FXP: most
 * servers refuse, by default, a PORT to another host and a passive data connection from another host.
 */
public enum ServerSoftware {

    VSFTPD("vsftpd", "pasv_promiscuous=YES (passive side) and port_promiscuous=YES (active side)"),
    PROFTPD("proftpd", "AllowForeignAddress on"),
    PURE_FTPD("pure-ftpd", "-w / AllowUserFXP yes (or -W / AllowAnonymousFXP yes)"),
    APACHE_FTPSERVER("apache ftpserver", "activeIpCheck=false and passiveIpCheck=false (the defaults)"),
    UNKNOWN("unknown", "its setting that allows FXP (PORT to, and passive data connections from, other hosts)");

    private final String name;
    private final String fxpSetting;

    ServerSoftware(String name, String fxpSetting) {
        this.name = name;
        this.fxpSetting = fxpSetting;
    }

    /** A guess from the greeting (vsftpd: "220 (vsFTPd 3.0.3)", Pure-FTPd: "Welcome to Pure-FTPd"...). */
    public static ServerSoftware fromGreeting(FtpReply greeting) {
        String text = greeting == null ? "" : greeting.text().toLowerCase(Locale.ROOT);
        if (text.contains("vsftpd")) {
            return VSFTPD;
        }
        if (text.contains("proftpd")) {
            return PROFTPD;
        }
        if (text.contains("pure-ftpd")) {
            return PURE_FTPD;
        }
        // Apache FtpServer's default greeting does not name it.
        if (text.contains("apache ftp") || text.equals("220 service ready for new user.")) {
            return APACHE_FTPSERVER;
        }
        return UNKNOWN;
    }

    /**
     * Whether commands written while a transfer runs wait until it ended, to be answered in order. vsftpd reads no
     * command during a transfer (ABOR only with async_abor_enable) and Apache FtpServer handles a session's
     * commands one at a time; both were seen to do so with the commands of a batch. ProFTPD was seen answering a
     * SIZE before the running STOR's 226, and Pure-FTPd answering a command read during a transfer with
     * "500 Unknown command", dropping it: to those, and to a server not recognised, nothing is written while a
     * transfer runs.
     */
    public boolean queuesCommandsDuringTransfers() {
        return this == VSFTPD || this == APACHE_FTPSERVER;
    }

    /** What to switch on to allow FXP, for error messages. */
    public String fxpSetting() {
        return name + ": " + fxpSetting;
    }
}
