package io.github.ftp3p.camel;

import javax.net.SocketFactory;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The options of an ftp3p endpoint; the component keeps one as the template of every endpoint's. */
@UriParams
public class Ftp3pConfiguration implements Cloneable {

    // Not @Metadata(required): a component-level source is the default of every endpoint, so neither level needs
    // it on its own; the endpoint refuses to be created without one from either.
    @UriParam
    private String source;
    @UriParam(label = "security", secret = true)
    private String sourceUsername;
    @UriParam
    private String sourceDirectory;
    @UriParam(label = "security", secret = true)
    private String sourcePassword;
    @UriParam(label = "security", secret = true)
    private String sourceAccount;
    @UriParam(label = "advanced")
    private String sourceSiteCommand;
    @UriParam
    private String target;
    @UriParam(label = "security", secret = true)
    private String targetUsername;
    @UriParam
    private String targetDirectory;
    @UriParam(label = "security", secret = true)
    private String targetPassword;
    @UriParam(label = "security", secret = true)
    private String targetAccount;
    @UriParam(label = "advanced")
    private String targetSiteCommand;
    @UriParam
    private String fileName;
    @UriParam
    private String targetFileName;
    @UriParam(enums = "auto,target,source", defaultValue = "auto")
    private String passiveSide = "auto";
    @UriParam(label = "security", defaultValue = "peer")
    private String passiveAddress = "peer";
    @UriParam(label = "security")
    private String allowedDataNetworks;
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
    @UriParam(label = "advanced", defaultValue = "300000", javaType = "java.time.Duration")
    private long maxWait = 300_000;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long noopAfterIdle = 10_000;
    @UriParam(label = "advanced")
    private SocketFactory socketFactory;
    @UriParam(enums = "none,size,checksum", defaultValue = "size")
    private String verify = "size";
    @UriParam(enums = "Override,Append,Fail,Ignore,Move,TryRename", defaultValue = "Override")
    private String fileExist = "Override";
    @UriParam
    private String moveExisting;
    @UriParam
    private String moveSourceTo;
    @UriParam(defaultValue = "true")
    private boolean useTempFile = true;
    @UriParam(defaultValue = ".ftp3p.")
    private String tempPrefix = ".ftp3p.";
    @UriParam(label = "advanced", defaultValue = "0", javaType = "java.time.Duration")
    private long tempFileMaxAge;
    @UriParam(defaultValue = "true")
    private boolean autoCreate = true;
    @UriParam
    private boolean preserveLastModified;
    @UriParam
    private String chmod;
    @UriParam
    private String doneFileName;
    @UriParam(label = "advanced", defaultValue = "1000", javaType = "java.time.Duration")
    private long progressInterval = 1000;
    @UriParam(defaultValue = "10000", javaType = "java.time.Duration")
    private long progressLogInterval = 10_000;
    @UriParam(defaultValue = "60000", javaType = "java.time.Duration")
    private long stallTimeout = 60_000;
    @UriParam(defaultValue = "true")
    private boolean resume = true;
    @UriParam(enums = "none,relay", defaultValue = "none")
    private String fallback = "none";
    @UriParam(label = "advanced", defaultValue = "true")
    private boolean pipelining = true;
    @UriParam(label = "sync", defaultValue = "true")
    private boolean recursive = true;
    @UriParam(label = "sync", defaultValue = "100")
    private int maxDepth = 100;
    @UriParam(label = "sync")
    private String include;
    @UriParam(label = "sync")
    private String exclude;
    @UriParam(label = "sync")
    private String antInclude;
    @UriParam(label = "sync")
    private String antExclude;
    @UriParam(label = "sync", enums = "update,newOnly,overwrite", defaultValue = "update")
    private String syncMode = "update";
    @UriParam(label = "sync", defaultValue = "1000", javaType = "java.time.Duration")
    private long timeTolerance = 1000;
    @UriParam(label = "sync", defaultValue = "false")
    private boolean deleteExtraneous;
    @UriParam(label = "sync", defaultValue = "100")
    private int maxDeletes = 100;
    @UriParam(label = "sync", defaultValue = "false")
    private boolean dryRun;
    @UriParam(defaultValue = "1")
    private int parallelTransfers = 1;
    @UriParam(label = "sync", defaultValue = "true")
    private boolean continueOnError = true;
    @UriParam(label = "security")
    private boolean implicitTls;
    @UriParam(label = "security", enums = "private,clear", defaultValue = "private")
    private String dataProtection = "private";
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "security")
    private SSLContextParameters sourceSslContextParameters;
    @UriParam(label = "security")
    private SSLContextParameters targetSslContextParameters;
    @UriParam(label = "security")
    private boolean useGlobalSslContextParameters;

    public String getSource() {
        return source;
    }

    /**
     * The server and directory to read files from, required on the endpoint or the component: an ftp URI with
     * the host, port (default 21) and directory, for example ftp://host-a:2121/outbox with the user in
     * sourceUsername, or #name of an Ftp3pServer bean defined once for many endpoints. The directory is relative
     * to the login directory; two slashes make it absolute (ftp://host//srv/out). The password goes in
     * sourcePassword, never in the URI.
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

    public String getSourceDirectory() {
        return sourceDirectory;
    }

    /**
     * The directory on the source, replacing the one in the source URI or named server: handy when one server
     * bean (source=#name) serves several routes.
     */
    public void setSourceDirectory(String sourceDirectory) {
        this.sourceDirectory = sourceDirectory;
    }

    public String getTargetDirectory() {
        return targetDirectory;
    }

    /** The directory on the target, replacing the one in the target URI or named server. */
    public void setTargetDirectory(String targetDirectory) {
        this.targetDirectory = targetDirectory;
    }

    public String getSourcePassword() {
        return sourcePassword;
    }

    /** The source user's password. Write it as RAW(...) when it has characters that URIs reserve. */
    public void setSourcePassword(String sourcePassword) {
        this.sourcePassword = sourcePassword;
    }

    public String getSourceAccount() {
        return sourceAccount;
    }

    /**
     * The account to send with ACCT when the source answers USER or PASS with 332 (RFC 959 section 4.1.1, as
     * commons-net's login(user, password, account)); not sent to a server that logs in without one. Replaces a
     * server bean's account.
     */
    public void setSourceAccount(String sourceAccount) {
        this.sourceAccount = sourceAccount;
    }

    public String getSourceSiteCommand() {
        return sourceSiteCommand;
    }

    /**
     * SITE commands sent to the source after every login, before the connection is used, as camel-ftp's siteCommand:
     * the text after SITE, several separated by a new line (e.g. UMASK 002). Each must be answered 2yz, else the
     * exchange fails naming the command and the reply. A CR or NUL inside a command is refused. Replaces a server
     * bean's siteCommand.
     */
    public void setSourceSiteCommand(String sourceSiteCommand) {
        this.sourceSiteCommand = sourceSiteCommand;
    }

    public String getTargetAccount() {
        return targetAccount;
    }

    /** The account to send with ACCT when the target answers USER or PASS with 332, as sourceAccount. */
    public void setTargetAccount(String targetAccount) {
        this.targetAccount = targetAccount;
    }

    public String getTargetSiteCommand() {
        return targetSiteCommand;
    }

    /**
     * SITE commands sent to the target after every login, as sourceSiteCommand; camel-ftp's siteCommand on a
     * producer is this one.
     */
    public void setTargetSiteCommand(String targetSiteCommand) {
        this.targetSiteCommand = targetSiteCommand;
    }

    public String getTarget() {
        return target;
    }

    /**
     * The server and directory to write files to, required on the endpoint or the component: an ftp URI like
     * source (the user in targetUsername, the password in targetPassword) or #name of an Ftp3pServer bean.
     */
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
     * hosts), reply, the address as the reply gives it (for servers behind NAT that announce another one), or a
     * literal address (or host name) to use with the reply's port. A reply that differs from the peer is logged
     * at WARN. With an address other than the peer's, the data connection must be up within connectTimeout, or
     * the transfer fails naming this option and the address.
     */
    public void setPassiveAddress(String passiveAddress) {
        this.passiveAddress = passiveAddress;
    }

    public String getAllowedDataNetworks() {
        return allowedDataNetworks;
    }

    /**
     * Comma-separated address blocks (CIDR, e.g. 10.20.0.0/16,::1/128) that every address put into PORT or EPRT
     * must fall in, whatever passiveAddress says. Empty allows any unicast address. Privileged ports (below 1024),
     * unspecified, multicast and broadcast addresses are always refused.
     */
    public void setAllowedDataNetworks(String allowedDataNetworks) {
        this.allowedDataNetworks = allowedDataNetworks;
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

    /**
     * How long connecting to a server may take, in milliseconds: from 1 ms to 2147483647 ms (about 24.8 days).
     */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReplyTimeout() {
        return replyTimeout;
    }

    /**
     * How long a server may take to answer a command, in milliseconds: from 1 ms to 2147483647 ms (about 24.8 days).
     */
    public void setReplyTimeout(long replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public long getTransferTimeout() {
        return transferTimeout;
    }

    /**
     * How long both servers may take to finish a transfer once it started, in milliseconds; 0 for no limit other
     * than stallTimeout, at most 2147483647 ms (about 24.8 days). Set it for targets without SIZE, whose progress
     * cannot be seen.
     */
    public void setTransferTimeout(long transferTimeout) {
        this.transferTimeout = transferTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /**
     * The most control connections the endpoint keeps open to each server; concurrent exchanges beyond it wait
     * for a free connection. Logged-in connections are reused between exchanges. From 1 to 1000.
     */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public long getMaxWait() {
        return maxWait;
    }

    /**
     * How long an exchange waits for a free connection to each server when maxConnections are in use, in
     * milliseconds; then it fails naming the server and maxConnections.
     */
    public void setMaxWait(long maxWait) {
        this.maxWait = maxWait;
    }

    public long getNoopAfterIdle() {
        return noopAfterIdle;
    }

    /**
     * A kept connection idle for longer than this, in milliseconds, is checked with NOOP before it is used; 0 checks
     * it every time. At most 2147483647 ms (about 24.8 days).
     */
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

    public String getVerify() {
        return verify;
    }

    /**
     * How a copy is proven, since the bytes never pass Camel: size (SIZE on both sides, in binary mode, must
     * match), checksum (the strongest hash both servers offer: HASH, XSHA256, XSHA1, XMD5 or MD5; size when they
     * share none, with a WARN), or none. A mismatch fails the exchange and removes the target copy. A move is
     * always at least size-checked before the source is removed.
     */
    public void setVerify(String verify) {
        this.verify = verify;
    }

    public String getFileExist() {
        return fileExist;
    }

    /**
     * What to do when the target file exists, as in camel-ftp: Override replaces it (once the new copy is
     * verified), Append appends with APPE (no temporary file), Fail fails the exchange, Ignore skips the
     * transfer (and keeps the source, even for a move), Move renames it to moveExisting first, TryRename renames
     * the temporary file without checking.
     */
    public void setFileExist(String fileExist) {
        this.fileExist = fileExist;
    }

    public String getMoveExisting() {
        return moveExisting;
    }

    /**
     * With fileExist=Move: where to rename the existing target file, relative to the target directory, as a
     * Simple expression (e.g. old/${header.CamelFileName}.${date:now:yyyyMMddHHmmss}).
     */
    public void setMoveExisting(String moveExisting) {
        this.moveExisting = moveExisting;
    }

    public String getMoveSourceTo() {
        return moveSourceTo;
    }

    /**
     * Rename the source file here once the copy is verified, instead of keeping it (copy) or deleting it (move):
     * a path relative to the source directory, as a Simple expression (e.g. .done/${header.CamelFileName}).
     */
    public void setMoveSourceTo(String moveSourceTo) {
        this.moveSourceTo = moveSourceTo;
    }

    public boolean isUseTempFile() {
        return useTempFile;
    }

    /**
     * Write the target under a temporary name (tempPrefix, the name and a part unique to the exchange) in the target
     * directory and rename it to its final name only once it is verified, so that nothing half-written ever has the
     * final name, and two exchanges moving one file never touch each other's copy. Set false for servers that
     * forbid renames.
     */
    public void setUseTempFile(boolean useTempFile) {
        this.useTempFile = useTempFile;
    }

    public String getTempPrefix() {
        return tempPrefix;
    }

    /** The prefix of the temporary name the target is written under; at most 64 bytes. */
    public void setTempPrefix(String tempPrefix) {
        this.tempPrefix = tempPrefix;
    }

    public long getTempFileMaxAge() {
        return tempFileMaxAge;
    }

    /**
     * Delete temporary files (tempPrefix, a name, a dot and 8 hex digits) older than this, in milliseconds, from a
     * target directory: what a killed process left behind. Looked for (a listing, then MDTM of each such name) when a
     * transfer first writes into a directory, and again after this long. 0 (the default) never; else at least 10
     * minutes, well above any stall, redelivery delay and clock difference with the server.
     */
    public void setTempFileMaxAge(long tempFileMaxAge) {
        this.tempFileMaxAge = tempFileMaxAge;
    }

    public boolean isAutoCreate() {
        return autoCreate;
    }

    /** Create the target directory, one level at a time (MKD), when it is missing. */
    public void setAutoCreate(boolean autoCreate) {
        this.autoCreate = autoCreate;
    }

    public boolean isPreserveLastModified() {
        return preserveLastModified;
    }

    /**
     * Give the target file the source's modification time: MDTM on the source, then MFMT (or SITE UTIME) on the
     * target. A server without them gets one WARN.
     */
    public void setPreserveLastModified(boolean preserveLastModified) {
        this.preserveLastModified = preserveLastModified;
    }

    public String getChmod() {
        return chmod;
    }

    /**
     * Set the copied file's permissions, as camel-ftp's chmod: SITE CHMOD with this octal mode (3 or 4 digits, e.g.
     * 640) once the copy is verified and under its final name. A refusal fails the exchange naming the command and
     * the reply; the verified copy stays and the source is kept.
     */
    public void setChmod(String chmod) {
        this.chmod = chmod;
    }

    public String getDoneFileName() {
        return doneFileName;
    }

    /**
     * Write an empty done file next to each copied file, once it is verified, renamed and chmod-ed, and before the
     * source is deleted or moved, as camel-ftp's doneFileName: a fixed name, or one with ${file:name} or
     * ${file:name.noext} (e.g. ${file:name}.done); other expressions are refused, as camel-file does. Written with
     * an empty STOR over a data connection from Camel (no byte crosses it); an existing done file is replaced. A
     * failure fails the exchange naming this option; the copy stays and the source is kept.
     */
    public void setDoneFileName(String doneFileName) {
        this.doneFileName = doneFileName;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    /**
     * How often, in milliseconds, the target's SIZE is polled over a third connection while a transfer runs, for
     * progress and stall detection: from 1 ms to 2147483647 ms (about 24.8 days).
     */
    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    public long getProgressLogInterval() {
        return progressLogInterval;
    }

    /**
     * How often, in milliseconds, a running transfer logs its progress (percent, MiB/s, ETA) at INFO; 0 never logs
     * it. At most 2147483647 ms (about 24.8 days).
     */
    public void setProgressLogInterval(long progressLogInterval) {
        this.progressLogInterval = progressLogInterval;
    }

    public long getStallTimeout() {
        return stallTimeout;
    }

    /**
     * Abort a transfer whose target file has not grown for this long, in milliseconds, and fail the exchange. A
     * poll of the target's SIZE that fails or gets no answer counts as no growth. 0 never aborts, which needs a
     * transferTimeout. At most 2147483647 ms (about 24.8 days).
     */
    public void setStallTimeout(long stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    public boolean isResume() {
        return resume;
    }

    /**
     * When a transfer breaks off (a connection lost), keep what the target received under the temporary name and
     * continue from its size (REST) on the next attempt: one retry inside the exchange, or a Camel redelivery.
     * Needs useTempFile and REST STREAM on both servers; otherwise the next attempt starts from zero.
     */
    public void setResume(boolean resume) {
        this.resume = resume;
    }

    public String getFallback() {
        return fallback;
    }

    /**
     * What to do when FXP fails in every orientation (both servers refuse it): none fails the exchange; relay
     * streams the data through Camel with a fixed buffer (no temporary files, memory flat whatever the size),
     * continuing from what the target already holds, logged at WARN once per server pair and shown in the
     * CamelFtp3pMode header.
     */
    public void setFallback(String fallback) {
        this.fallback = fallback;
    }

    public boolean isPipelining() {
        return pipelining;
    }

    /**
     * Send commands that do not wait on each other in one write (the source's SIZE with its PORT or PASV, RNFR with
     * RNTO), saving round trips per file; servers answer them in order (RFC 959). A batch (header
     * CamelFtp3pFileNames) is also pipelined across files, about one round trip per file. Every reply is checked
     * against its command: a server seen answering out of order (pyftpdlib) stops the batch cleanly and is then
     * sent one command at a time for the endpoint's life, with one WARN. Set false for a server that mishandles
     * pipelined commands in another way.
     */
    public void setPipelining(boolean pipelining) {
        this.pipelining = pipelining;
    }

    public boolean isImplicitTls() {
        return implicitTls;
    }

    /**
     * For ftps:// servers: TLS from the first byte (implicit FTPS, usually port 990) instead of AUTH TLS after the
     * greeting (explicit FTPS, RFC 4217, the default).
     */
    public void setImplicitTls(boolean implicitTls) {
        this.implicitTls = implicitTls;
    }

    public String getDataProtection() {
        return dataProtection;
    }

    /**
     * With ftps:// on both sides: private (PROT P) puts the data connection between the two servers in TLS, which
     * needs one of them to be the TLS client: a server offering SSCN is sent SSCN ON (the receiving side is
     * preferred), else one offering CPSV gets CPSV instead of PASV; when neither can, the exchange fails rather
     * than send the data in clear. clear (PROT C) sends
     * the data in clear while the control connections stay in TLS.
     */
    public void setDataProtection(String dataProtection) {
        this.dataProtection = dataProtection;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /**
     * TLS settings (trust store, key store, protocols) for both ftps:// servers. Without any, the JVM's default
     * trust store is used. Server certificates and host names are always verified.
     */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public SSLContextParameters getSourceSslContextParameters() {
        return sourceSslContextParameters;
    }

    /** TLS settings for the source only; takes precedence over sslContextParameters. */
    public void setSourceSslContextParameters(SSLContextParameters sourceSslContextParameters) {
        this.sourceSslContextParameters = sourceSslContextParameters;
    }

    public SSLContextParameters getTargetSslContextParameters() {
        return targetSslContextParameters;
    }

    /** TLS settings for the target only; takes precedence over sslContextParameters. */
    public void setTargetSslContextParameters(SSLContextParameters targetSslContextParameters) {
        this.targetSslContextParameters = targetSslContextParameters;
    }

    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Use the CamelContext's global SSLContextParameters when no other is set. */
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public boolean isRecursive() {
        return recursive;
    }

    /** ftp3p:sync: go into subdirectories of the source directory, creating them on the target (empty ones too). */
    public void setRecursive(boolean recursive) {
        this.recursive = recursive;
    }

    public int getMaxDepth() {
        return maxDepth;
    }

    /**
     * ftp3p:sync: the deepest level of subdirectories listed (the files in the source directory itself are level
     * 0), 0 to 100.
     */
    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public String getInclude() {
        return include;
    }

    /**
     * ftp3p:sync: a regular expression the path of a file relative to the source directory (a/b.csv) must match
     * to take part. Files left out are neither copied nor deleted.
     */
    public void setInclude(String include) {
        this.include = include;
    }

    public String getExclude() {
        return exclude;
    }

    /** ftp3p:sync: a regular expression; files whose relative path matches it are neither copied nor deleted. */
    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public String getAntInclude() {
        return antInclude;
    }

    /**
     * ftp3p:sync: Ant-style patterns, comma-separated (**&#47;*.csv), the relative path of a file must match one of
     * to take part, as camel-ftp's antInclude.
     */
    public void setAntInclude(String antInclude) {
        this.antInclude = antInclude;
    }

    public String getAntExclude() {
        return antExclude;
    }

    /** ftp3p:sync: Ant-style patterns, comma-separated; files whose relative path matches one are left out. */
    public void setAntExclude(String antExclude) {
        this.antExclude = antExclude;
    }

    public String getSyncMode() {
        return syncMode;
    }

    /**
     * ftp3p:sync: which files are copied: update, those missing on the target, differing in size, or older there
     * (modification times from MLSD, or MDTM on both sides, within timeTolerance); newOnly, only those missing on
     * the target; overwrite, all.
     */
    public void setSyncMode(String syncMode) {
        this.syncMode = syncMode;
    }

    public long getTimeTolerance() {
        return timeTolerance;
    }

    /** ftp3p:sync: modification times closer than this count as equal (servers round them, clocks differ). */
    public void setTimeTolerance(long timeTolerance) {
        this.timeTolerance = timeTolerance;
    }

    public boolean isDeleteExtraneous() {
        return deleteExtraneous;
    }

    /**
     * ftp3p:sync: delete target files (and then empty directories) that the source lacks, once every copy ended.
     * Refused (the exchange fails, nothing deleted) unless every source listing succeeded, and when there would
     * be more than maxDeletes. Files left out by the include and exclude options, and temporary files, are kept.
     */
    public void setDeleteExtraneous(boolean deleteExtraneous) {
        this.deleteExtraneous = deleteExtraneous;
    }

    public int getMaxDeletes() {
        return maxDeletes;
    }

    /** ftp3p:sync: with deleteExtraneous, more deletions than this refuses them all (a brake for a source that looks empty). */
    public void setMaxDeletes(int maxDeletes) {
        this.maxDeletes = maxDeletes;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** ftp3p:sync: list and compare only; the body is the plan (WOULD_COPY, WOULD_DELETE...) and nothing is changed. */
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getParallelTransfers() {
        return parallelTransfers;
    }

    /**
     * How many files are copied at once, each lane over its own pair of connections and pipelined: for ftp3p:sync,
     * and for a CamelFtp3pFileNames batch, whose files are then split over the lanes. Bounded by maxConnections
     * (a sync keeps one pair for listing).
     */
    public void setParallelTransfers(int parallelTransfers) {
        this.parallelTransfers = parallelTransfers;
    }

    public boolean isContinueOnError() {
        return continueOnError;
    }

    /**
     * ftp3p:sync: a failed file (or directory listing) does not stop the sync; the exchange fails at the end,
     * listing what failed, with the summary as its body.
     */
    public void setContinueOnError(boolean continueOnError) {
        this.continueOnError = continueOnError;
    }

    public Ftp3pConfiguration copy() {
        try {
            return (Ftp3pConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
