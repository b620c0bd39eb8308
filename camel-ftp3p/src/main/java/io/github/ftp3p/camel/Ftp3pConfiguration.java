package io.github.ftp3p.camel;

import javax.net.SocketFactory;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** The options of an ftp3p endpoint; the component keeps one as the template of every endpoint's. */
@UriParams
public class Ftp3pConfiguration implements Cloneable {

    @UriParam
    @Metadata(required = true)
    private String source;
    @UriParam
    private String sourceUsername;
    @UriParam(label = "security", secret = true)
    private String sourcePassword;
    @UriParam
    @Metadata(required = true)
    private String target;
    @UriParam
    private String targetUsername;
    @UriParam(label = "security", secret = true)
    private String targetPassword;
    @UriParam
    private String fileName;
    @UriParam
    private String targetFileName;
    @UriParam(enums = "auto,target,source", defaultValue = "auto")
    private String passiveSide = "auto";
    @UriParam(label = "security", enums = "peer,reply", defaultValue = "peer")
    private String passiveAddress = "peer";
    @UriParam(label = "advanced", enums = "auto,always,never", defaultValue = "auto")
    private String epsv = "auto";
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long replyTimeout = 30_000;
    @UriParam(label = "advanced", defaultValue = "0", javaType = "java.time.Duration")
    private long transferTimeout;
    @UriParam(label = "advanced", defaultValue = "4")
    private int maxConnections = 4;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long noopAfterIdle = 10_000;
    @UriParam(label = "advanced")
    private SocketFactory socketFactory;

    public String getSource() {
        return source;
    }

    /**
     * The server and directory to read files from: ftp://[user@]host[:port][/directory]. The directory is
     * relative to the login directory; start it with two slashes for an absolute one (ftp://host//srv/out).
     */
    public void setSource(String source) {
        this.source = source;
    }

    public String getSourceUsername() {
        return sourceUsername;
    }

    /** The user to log in to the source with, when the source URI has none. Default: anonymous. */
    public void setSourceUsername(String sourceUsername) {
        this.sourceUsername = sourceUsername;
    }

    public String getSourcePassword() {
        return sourcePassword;
    }

    /** The source user's password. Write it as RAW(...) when it has characters that URIs reserve. */
    public void setSourcePassword(String sourcePassword) {
        this.sourcePassword = sourcePassword;
    }

    public String getTarget() {
        return target;
    }

    /** The server and directory to write files to: ftp://[user@]host[:port][/directory], as for source. */
    public void setTarget(String target) {
        this.target = target;
    }

    public String getTargetUsername() {
        return targetUsername;
    }

    /** The user to log in to the target with, when the target URI has none. Default: anonymous. */
    public void setTargetUsername(String targetUsername) {
        this.targetUsername = targetUsername;
    }

    public String getTargetPassword() {
        return targetPassword;
    }

    /** The target user's password. Write it as RAW(...) when it has characters that URIs reserve. */
    public void setTargetPassword(String targetPassword) {
        this.targetPassword = targetPassword;
    }

    public String getFileName() {
        return fileName;
    }

    /**
     * The file to transfer, relative to the source directory, as a Simple expression (e.g. report-${date:now:yyyyMMdd}.csv).
     * When not set, the CamelFileName header names it.
     */
    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    public String getTargetFileName() {
        return targetFileName;
    }

    /**
     * The name to give the file on the target, relative to the target directory, as a Simple expression. The
     * CamelFtp3pTargetFileName header takes precedence. Default: the source file name.
     */
    public void setTargetFileName(String targetFileName) {
        this.targetFileName = targetFileName;
    }

    public String getPassiveSide() {
        return passiveSide;
    }

    /**
     * Which server is sent PASV (or EPSV) and opens a port for the other to connect to: target, source, or
     * auto to try the target first and, when that orientation is refused or its data connection fails, the
     * source.
     */
    public void setPassiveSide(String passiveSide) {
        this.passiveSide = passiveSide;
    }

    public String getPassiveAddress() {
        return passiveAddress;
    }

    /**
     * Which address the active server is told to connect to after a PASV reply: peer, the passive server's
     * control-connection address with the port from the reply (safe against PASV replies that aim at other
     * hosts), or reply, the address as the reply gives it (for servers behind NAT that announce another one).
     */
    public void setPassiveAddress(String passiveAddress) {
        this.passiveAddress = passiveAddress;
    }

    public String getEpsv() {
        return epsv;
    }

    /**
     * When to use EPSV and EPRT (RFC 2428) instead of PASV and PORT: auto when a control connection is IPv6,
     * always, or never.
     */
    public void setEpsv(String epsv) {
        this.epsv = epsv;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** How long connecting to a server may take, in milliseconds. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReplyTimeout() {
        return replyTimeout;
    }

    /** How long a server may take to answer a command, in milliseconds. */
    public void setReplyTimeout(long replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public long getTransferTimeout() {
        return transferTimeout;
    }

    /**
     * How long both servers may take to finish a transfer once it started, in milliseconds; 0 for no limit.
     */
    public void setTransferTimeout(long transferTimeout) {
        this.transferTimeout = transferTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /**
     * The most control connections the endpoint keeps open to each server; concurrent exchanges beyond it wait
     * for a free connection. Logged-in connections are reused between exchanges.
     */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public long getNoopAfterIdle() {
        return noopAfterIdle;
    }

    /** A kept connection idle for longer than this, in milliseconds, is checked with NOOP before it is used. */
    public void setNoopAfterIdle(long noopAfterIdle) {
        this.noopAfterIdle = noopAfterIdle;
    }

    public SocketFactory getSocketFactory() {
        return socketFactory;
    }

    /** Makes the control sockets, e.g. to bind a local address. Default: the JDK's. */
    public void setSocketFactory(SocketFactory socketFactory) {
        this.socketFactory = socketFactory;
    }

    public Ftp3pConfiguration copy() {
        try {
            return (Ftp3pConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
