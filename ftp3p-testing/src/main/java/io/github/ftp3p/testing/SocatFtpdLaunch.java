package io.github.ftp3p.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.ftp3p.testing.RealFtpServer.Options;
import io.github.ftp3p.testing.RealFtpServerProcess.Launch;
import io.github.ftp3p.testing.RealFtpServerProcess.PortBlock;

/**
 * netkit ftpd 0.17 ({@code ftpd-ssl}'s {@code in.ftpd}) and GNU inetutils ftpd 2.4: inetd-style servers, so
 * {@code socat TCP-LISTEN:PORT,bind=HOST,fork,reuseaddr EXEC:"ftpd ...",nofork} listens and hands each accepted
 * socket to a new ftpd as its stdin/stdout (inetutils' own {@code -D} daemon mode can bind neither a port nor an
 * address). The sessions are socat's children; socat's own log ({@code -d -d}: each connection) is the log file,
 * as both servers log only to syslog.
 *
 * <p>Both log in system users only: the account {@code ftp3p} that {@code .ci/install-ftp-servers} creates, whose
 * random password it writes to {@code $FTP3P_SERVERS/ftpd-user}. Its home is {@code /} and neither server
 * chroots it, so the login directory is {@code /} and the writable directory is this server's home under the
 * work directory, given relative to {@code /}.
 */
final class SocatFtpdLaunch {

    static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final Path PAM_FTP = Path.of("/etc/pam.d/ftp");

    private SocatFtpdLaunch() {
    }

    /** The file with "user:password" of the system account. */
    static Path accountFile() {
        return RealFtpServerProcess.serversDirectory().resolve("ftpd-user");
    }

    /** What is missing besides the binary, or null. */
    static String missing(String kind) {
        if (!Files.isExecutable(SOCAT)) {
            return SOCAT + " is missing (socat)";
        }
        if (!Files.isReadable(accountFile())) {
            return "the system account's password file " + accountFile() + " is missing";
        }
        if (!RealFtpServerProcess.userExists(account()[0])) {
            return "the system user " + account()[0] + " does not exist";
        }
        // netkit authenticates through PAM service "ftp"; without its file: "550 Authentication failure".
        if (RealFtpServer.NETKIT_FTPD.equals(kind) && !Files.exists(PAM_FTP)) {
            return PAM_FTP + " is missing";
        }
        return null;
    }

    private static String[] account() {
        try {
            String line = Files.readString(accountFile(), StandardCharsets.UTF_8).strip();
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException(accountFile() + " does not hold user:password");
            }
            return new String[] {line.substring(0, colon), line.substring(colon + 1)};
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + accountFile() + ": " + e, e);
        }
    }

    static Launch launch(String kind, Path dir, Options o, String host, int port, PortBlock ports) throws IOException {
        String[] account = account();
        Path home = dir.resolve(kind + "-home");
        Path log = dir.resolve(kind + ".log");
        Files.createDirectories(home);
        RealFtpServerProcess.chmod(home, "rwxrwxrwx");
        RealFtpServerProcess.setOwner(home, account[0]);
        // The sessions run as the account after login and reach the home by its absolute path.
        RealFtpServerProcess.makeTraversable(dir);

        List<String> ftpd = new ArrayList<>(List.of(RealFtpServerProcess.binary(kind).toString(), "-u", "022"));
        if (RealFtpServer.NETKIT_FTPD.equals(kind) && o.fxpAllowed()) {
            ftpd.add("-P"); // PORT to another address (and to ports below 1024); EPRT is never checked
        }
        if (RealFtpServer.INETUTILS_FTPD.equals(kind)) {
            // crypt(3) against /etc/shadow; inetutils has no setting at all for foreign PORT/EPRT (always refused).
            ftpd.addAll(List.of("-a", "default"));
        }
        String listen = o.ipv6()
                ? "TCP6-LISTEN:" + port + ",bind=[" + host + "],fork,reuseaddr"
                : "TCP4-LISTEN:" + port + ",bind=" + host + ",fork,reuseaddr";
        List<String> command = List.of(SOCAT.toString(), "-d", "-d", listen,
                "EXEC:" + String.join(" ", ftpd) + ",nofork");
        String login = Path.of("/").relativize(home).toString();
        return new Launch(kind, host, port, account[0], account[1], Path.of("/"), login, log, null, ports, command);
    }
}
