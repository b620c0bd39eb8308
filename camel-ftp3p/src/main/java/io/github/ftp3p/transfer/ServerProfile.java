package io.github.ftp3p.transfer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ftp3p.protocol.ControlConnection;
import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpReply;
import io.github.ftp3p.protocol.Side;

/**
 * Everything known of one side's server, in one place: the software its greeting names (its FXP settings, how
 * it treats commands written during a transfer), what its FEAT offers (RFC 2389), and what was learnt while
 * talking to it (that it answers pipelined commands out of order). One per side of an {@link FxpClient}, kept
 * for the client's life, so that a redelivery profits from what an earlier exchange learnt. Thread-safe.
 */
final class ServerProfile {

    /**
     * Server software recognised from its greeting, and what lets it take part in FXP: most servers refuse, by
     * default, a PORT to another host (the active side) and a passive data connection from another host (the
     * passive side). A null setting means none exists.
     */
    enum Software {

        VSFTPD("vsftpd", "pasv_promiscuous=YES", "port_promiscuous=YES", true),
        PROFTPD("ProFTPD", "AllowForeignAddress on", "AllowForeignAddress on", false),
        PURE_FTPD("Pure-FTPd", "-w / AllowUserFXP yes (-W / AllowAnonymousFXP yes for anonymous users)",
                "-w / AllowUserFXP yes (-W / AllowAnonymousFXP yes for anonymous users)", false),
        APACHE_FTPSERVER("Apache FtpServer", "passiveIpCheck=false (the default)", "activeIpCheck=false (the default)", true),
        PYFTPDLIB("pyftpdlib", "permit_foreign_addresses = True", "permit_foreign_addresses = True", false),
        NETKIT_FTPD("netkit ftpd", "-P", "-P", false),
        /** GNU inetutils ftpd refuses every PORT to another host ("Illegal PORT Command") and has no option for it. */
        INETUTILS_FTPD("GNU inetutils ftpd", "nothing (it accepts passive data connections from other hosts)", null, false),
        UNKNOWN("unrecognised server", "its setting that allows passive data connections from other hosts",
                "its setting that allows PORT to other hosts", false);

        private final String label;
        private final String passiveSetting;
        private final String activeSetting;
        private final boolean queuesDuringTransfers;

        Software(String label, String passiveSetting, String activeSetting, boolean queuesDuringTransfers) {
            this.label = label;
            this.passiveSetting = passiveSetting;
            this.activeSetting = activeSetting;
            this.queuesDuringTransfers = queuesDuringTransfers;
        }

        /** A guess from the greeting (vsftpd: "220 (vsFTPd 3.0.3)", Pure-FTPd: "Welcome to Pure-FTPd"...). */
        static Software fromGreeting(FtpReply greeting) {
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
            if (text.contains("pyftpdlib")) {
                return PYFTPDLIB;
            }
            // netkit (linux-ftpd 0.17, Debian ftpd-ssl): "220 host FTP server (Version 6.4/OpenBSD/Linux-ftpd-0.17) ready."
            if (text.contains("openbsd/linux")) {
                return NETKIT_FTPD;
            }
            // "220 host FTP server (GNU inetutils 2.4) ready."
            if (text.contains("gnu inetutils")) {
                return INETUTILS_FTPD;
            }
            // Apache FtpServer's default greeting does not name it.
            if (text.contains("apache ftp") || text.equals("220 service ready for new user.")) {
                return APACHE_FTPSERVER;
            }
            return UNKNOWN;
        }

        String label() {
            return label;
        }

        /**
         * What lets this server take part in FXP as the passive side (accepting the other server's data
         * connection) or as the active one (a PORT to the other server); null when nothing does.
         */
        String fxpSetting(boolean passive) {
            return passive ? passiveSetting : activeSetting;
        }
    }

    /**
     * What a server's FEAT reply (RFC 2389) says it offers, as far as transfers care.
     *
     * @param hashes     the command for each hash algorithm it computes
     * @param restStream REST in stream mode (RFC 3659 section 5), needed to resume
     * @param sscn       SSCN: the server can be the TLS client of a data connection (secure FXP)
     * @param cpsv       CPSV (glFTPd): PASV after which this server is the TLS client of the data connection
     * @param mlsd       MLST and MLSD (RFC 3659 section 7): listings with standard facts and UTC times; FEAT lists
     *                   it as "MLST" followed by the facts it knows
     */
    record Features(Map<HashAlgorithm, String> hashes, boolean restStream, boolean sscn, boolean cpsv, boolean mlsd) {

        static final Features NONE = new Features(Map.of(), false, false, false, false);

        static Features of(FtpReply feat) {
            if (!feat.isPositive()) {
                return NONE;
            }
            return new Features(HashAlgorithm.offeredBy(feat), lists(feat, "REST STREAM"), lists(feat, "SSCN"),
                    lists(feat, "CPSV"), feat.lines().stream().skip(1).map(l -> l.trim().toUpperCase(Locale.ROOT))
                            .anyMatch(l -> l.equals("MLST") || l.startsWith("MLST ")));
        }

        private static boolean lists(FtpReply feat, String feature) {
            return feat.lines().stream().map(l -> l.trim().toUpperCase(Locale.ROOT)).anyMatch(l -> l.equals(feature));
        }
    }

    private final Side side;
    private final AtomicReference<Software> software = new AtomicReference<>();
    private final AtomicReference<Features> features = new AtomicReference<>();
    private final AtomicBoolean outOfOrder = new AtomicBoolean();
    private final AtomicReference<String> systemType = new AtomicReference<>();

    ServerProfile(Side side) {
        this.side = side;
    }

    Side side() {
        return side;
    }

    /** Recognises the software from {@code connection}'s greeting, the first time a connection is seen. */
    ServerProfile seen(ControlConnection connection) {
        if (software.get() == null) {
            recognise(connection.greeting());
        }
        return this;
    }

    /** Recognises the software from a greeting, unless it is known already. */
    void recognise(FtpReply greeting) {
        software.compareAndSet(null, Software.fromGreeting(greeting));
    }

    /** The software, or {@link Software#UNKNOWN} before any connection was seen. */
    Software software() {
        Software known = software.get();
        return known == null ? Software.UNKNOWN : known;
    }

    /**
     * What FEAT offers, asked once over {@code connection}. Two transfers may both ask at first; nothing is sent
     * while holding a lock, so that one slow server cannot hold up the other side's transfers.
     */
    Features features(ControlConnection connection) {
        Features known = features.get();
        if (known != null) {
            return known;
        }
        Features asked = Features.of(connection.execute(FtpCommand.of("FEAT")));
        return features.compareAndSet(null, asked) ? asked : features.get();
    }

    /**
     * What SYST (RFC 959 section 4.1.3) says the server's system is, e.g. "UNIX Type: L8", asked once: it chooses
     * the parser of LIST lines. Empty when the server does not answer it.
     */
    String systemType(ControlConnection connection) {
        String known = systemType.get();
        if (known != null) {
            return known;
        }
        FtpReply syst = connection.execute(FtpCommand.of("SYST"));
        String asked = syst.isPositive() ? syst.lines().get(0).substring(Math.min(4, syst.lines().get(0).length())) : "";
        return systemType.compareAndSet(null, asked) ? asked : systemType.get();
    }

    /**
     * Whether replies to commands written together come in the order written (RFC 959 section 4.2); true until
     * a reply was seen out of order.
     */
    boolean answersInOrder() {
        return !outOfOrder.get();
    }

    /** Records that this server answered out of order; true the first time. */
    boolean learnOutOfOrder() {
        return outOfOrder.compareAndSet(false, true);
    }

    /**
     * Whether commands written while a transfer runs wait until it ended, to be answered in order. vsftpd reads no
     * command during a transfer (ABOR only with async_abor_enable) and Apache FtpServer handles a session's
     * commands one at a time; both were seen to do so with the commands of a batch. ProFTPD was seen answering a
     * SIZE before the running STOR's 226, and Pure-FTPd answering a command read during a transfer with
     * "500 Unknown command", dropping it: to those, and to any other server, nothing is written while a transfer
     * runs.
     */
    boolean queuesCommandsDuringTransfers() {
        return software().queuesDuringTransfers;
    }

    /**
     * What lets this server take part in FXP in one role, for an error message: "the target (vsftpd) needs
     * pasv_promiscuous=YES", or, where no setting exists, what to do instead.
     */
    String fxpAdvice(boolean passive) {
        Software known = software();
        String setting = known.fxpSetting(passive);
        String who = "the " + side.label() + " (" + known.label() + ")";
        if (setting == null) {
            return who + " cannot be the active side: it has no setting that allows a PORT to another host; make it the "
                    + "passive side (passiveSide=" + side.label() + ")";
        }
        return who + " as the " + (passive ? "passive" : "active") + " side needs " + setting;
    }
}
