package io.github.ftp3p.camel;

import io.github.ftp3p.protocol.FtpServerAddress;

/**
 * An FTP server defined once, as a bean (Spring XML, YAML, Java, or Camel's {@code camel.beans.*} properties),
 * and referenced from many endpoints as {@code source=#name} or {@code target=#name}, so that credentials are
 * not repeated in every URI. The endpoint's sourceDirectory/targetDirectory, when set, replace
 * {@link #setDirectory directory}.
 */
public class Ftp3pServer {

    private String host;
    private int port = FtpServerAddress.DEFAULT_PORT;
    private String username = "anonymous";
    private String password = "";
    private String directory = "";
    private boolean ftps;
    private String account;
    private String siteCommand;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getDirectory() {
        return directory;
    }

    /** Relative to the login directory unless it starts with '/'. */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public boolean isFtps() {
        return ftps;
    }

    /** FTPS (TLS on the control connection), configured by the endpoint's TLS options. */
    public void setFtps(boolean ftps) {
        this.ftps = ftps;
    }

    public String getAccount() {
        return account;
    }

    /** The account sent with ACCT when the server asks for one (332), as the endpoint's sourceAccount/targetAccount. */
    public void setAccount(String account) {
        this.account = account;
    }

    public String getSiteCommand() {
        return siteCommand;
    }

    /** SITE commands sent after every login, one per line, as the endpoint's sourceSiteCommand/targetSiteCommand. */
    public void setSiteCommand(String siteCommand) {
        this.siteCommand = siteCommand;
    }

    FtpServerAddress address(String directoryOverride) {
        String dir = directoryOverride != null ? directoryOverride : directory == null ? "" : directory;
        return new FtpServerAddress(host, port, username, password == null ? "" : password, dir, ftps)
                .withLogin(account, FtpServerAddress.siteCommandLines(siteCommand));
    }

    @Override
    public String toString() {
        return "Ftp3pServer[" + (ftps ? "ftps://" : "ftp://") + username + "@" + host + ":" + port + "/" + directory + "]";
    }
}
