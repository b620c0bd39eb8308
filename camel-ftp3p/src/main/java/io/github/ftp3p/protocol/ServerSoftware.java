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
        if (text.contains("apache ftp")) {
            return APACHE_FTPSERVER;
        }
        return UNKNOWN;
    }

    /** What to switch on to allow FXP, for error messages. */
    public String fxpSetting() {
        return name + ": " + fxpSetting;
    }
}
