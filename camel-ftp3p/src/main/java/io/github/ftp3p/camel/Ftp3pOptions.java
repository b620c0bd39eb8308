package io.github.ftp3p.camel;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.ftp3p.protocol.TransferListener;
import io.github.ftp3p.transfer.SyncMode;
import io.github.ftp3p.transfer.SyncSettings;
import org.apache.camel.util.AntPathMatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import io.github.ftp3p.protocol.AddressPolicy;
import io.github.ftp3p.protocol.Arguments;
import io.github.ftp3p.protocol.ConnectionSettings;
import io.github.ftp3p.protocol.DataNetworks;
import io.github.ftp3p.protocol.ExtendedMode;
import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.InvalidSettingException;
import io.github.ftp3p.protocol.PassiveSide;
import io.github.ftp3p.protocol.Ranges;
import io.github.ftp3p.protocol.TlsSettings;
import io.github.ftp3p.protocol.TransferOptions;
import io.github.ftp3p.transfer.AfterRename;
import io.github.ftp3p.transfer.DoneFileName;
import io.github.ftp3p.transfer.Fallback;
import io.github.ftp3p.transfer.FileExist;
import io.github.ftp3p.transfer.FxpSettings;
import io.github.ftp3p.transfer.Verification;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Turns an endpoint's options into the protocol layer's settings. Every error names the option, so a bad
 * URI fails when the endpoint is created, not at the first exchange.
 */
final class Ftp3pOptions {

    private Ftp3pOptions() {
    }

    /**
     * The server of one side: an ftp:// URI, or {@code #name} of an {@link Ftp3pServer} bean in the registry.
     * A directory option, when set, replaces the URI's or the bean's directory.
     */
    static FtpServerAddress server(String option, String uri, String user, String password, String directory,
            String account, String siteCommand, CamelContext camel) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("Option '" + option + "' is required: ftp://[user@]host[:port][/directory]"
                    + " or #name of an Ftp3pServer bean");
        }
        try {
            if (uri.startsWith("#")) {
                String name = uri.startsWith("#bean:") ? uri.substring(6) : uri.substring(1);
                Ftp3pServer bean = camel.getRegistry().lookupByNameAndType(name, Ftp3pServer.class);
                if (bean == null) {
                    throw new IllegalArgumentException("no Ftp3pServer bean named '" + name + "' in the registry");
                }
                return login(bean.address(directory), account, siteCommand);
            }
            FtpServerAddress address = FtpServerAddress.parse(uri, user, password);
            return login(directory == null ? address : address.withDirectory(directory), account, siteCommand);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option '" + option + "': " + e.getMessage(), e);
        }
    }

    /** The endpoint's account and SITE commands for a side, when set, replace a server bean's. */
    private static FtpServerAddress login(FtpServerAddress address, String account, String siteCommand) {
        return address.withLogin(account != null ? account : address.account(),
                siteCommand != null ? FtpServerAddress.siteCommandLines(siteCommand) : address.siteCommands());
    }

    static FxpSettings settings(Ftp3pConfiguration c, CamelContext camel, FtpServerAddress source, FtpServerAddress target) {
        FileExist fileExist = choice("fileExist", c.getFileExist(), FileExist.class);
        if (fileExist == FileExist.MOVE && c.getMoveExisting() == null) {
            throw new IllegalArgumentException("Option 'fileExist=Move' needs option 'moveExisting': where to rename the "
                    + "existing target file");
        }
        // Checked whatever the schemes, so that a typo fails now rather than when a server moves to ftps://.
        boolean privateData = privateData(c.getDataProtection());
        try {
            Ranges.requireNotNegative("progressLogInterval", Duration.ofMillis(c.getProgressLogInterval()));
            ConnectionSettings connection = new ConnectionSettings(Duration.ofMillis(c.getConnectTimeout()),
                    Duration.ofMillis(c.getReplyTimeout()), c.getSocketFactory());
            TransferOptions transfer = new TransferOptions(choice("epsv", c.getEpsv(), ExtendedMode.class),
                    addressPolicy(c.getPassiveAddress()), Duration.ofMillis(c.getTransferTimeout()),
                    dataNetworks(c.getAllowedDataNetworks()), c.isPipelining());
            return new FxpSettings(choice("passiveSide", c.getPassiveSide(), PassiveSide.class), transfer, connection,
                    c.getMaxConnections(), Duration.ofMillis(c.getMaxWait()), Duration.ofMillis(c.getNoopAfterIdle()),
                    Duration.ofMillis(c.getIdleTimeout()),
                    choice("verify", c.getVerify(), Verification.class), fileExist,
                    c.isUseTempFile() ? Arguments.requireSafe("tempPrefix", c.getTempPrefix()) : null, c.isAutoCreate(),
                    c.isPreserveLastModified(), Duration.ofMillis(c.getProgressInterval()),
                    Duration.ofMillis(c.getStallTimeout()), c.isResume(), choice("fallback", c.getFallback(), Fallback.class),
                    Duration.ofMillis(c.getTempFileMaxAge()),
                    tls(c, camel, source, privateData, "sourceSslContextParameters", c.getSourceSslContextParameters()),
                    tls(c, camel, target, privateData, "targetSslContextParameters", c.getTargetSslContextParameters()),
                    new AfterRename(c.getChmod(), c.getDoneFileName() == null ? null : new DoneFileName(c.getDoneFileName())));
        } catch (InvalidSettingException e) {
            // The core's records check the ranges; the settings there are named as the options are.
            throw new IllegalArgumentException("Option '" + e.setting() + "' " + e.reason(), e);
        }
    }

    /** What ftp3p:sync does, with {@code listener} told about each file. */
    static SyncSettings sync(Ftp3pConfiguration c, TransferListener listener) {
        Predicate<String> filter = regex("include", c.getInclude(), true)
                .and(regex("exclude", c.getExclude(), false).negate())
                .and(ant("antInclude", c.getAntInclude(), true))
                .and(ant("antExclude", c.getAntExclude(), false).negate());
        try {
            return new SyncSettings(c.isRecursive(), c.getMaxDepth(), filter, choice("syncMode", c.getSyncMode(),
                    SyncMode.class), Duration.ofMillis(c.getTimeTolerance()), c.isDeleteExtraneous(), c.getMaxDeletes(),
                    c.isDryRun(), c.getParallelTransfers(), c.isContinueOnError(), listener);
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException("Option '" + e.setting() + "' " + e.reason(), e);
        }
    }

    /** Whether a relative path matches the regular expression {@code value}; when unset, {@code whenUnset}. */
    private static Predicate<String> regex(String option, String value, boolean whenUnset) {
        if (value == null || value.isEmpty()) {
            return path -> whenUnset;
        }
        try {
            Pattern pattern = Pattern.compile(value);
            return path -> pattern.matcher(path).matches();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Option '" + option + "' is not a regular expression: " + e.getMessage(), e);
        }
    }

    /** Whether a relative path matches one of the comma-separated Ant patterns; when unset, {@code whenUnset}. */
    private static Predicate<String> ant(String option, String value, boolean whenUnset) {
        if (value == null || value.isBlank()) {
            return path -> whenUnset;
        }
        List<String> patterns = Arrays.stream(value.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("Option '" + option + "' has no pattern: '" + value + "'");
        }
        return path -> patterns.stream().anyMatch(p -> AntPathMatcher.INSTANCE.match(p, path));
    }

    private static boolean privateData(String dataProtection) {
        if (!"private".equalsIgnoreCase(dataProtection) && !"clear".equalsIgnoreCase(dataProtection)) {
            throw new IllegalArgumentException("Option 'dataProtection' must be one of private, clear, not '"
                    + dataProtection + "'");
        }
        return "private".equalsIgnoreCase(dataProtection);
    }

    /** FTPS settings for an ftps:// server, or null for ftp://. */
    private static TlsSettings tls(Ftp3pConfiguration c, CamelContext camel, FtpServerAddress server,
            boolean privateData, String option, SSLContextParameters sideParameters) {
        if (!server.tls()) {
            return null;
        }
        SSLContextParameters parameters = sideParameters != null ? sideParameters : c.getSslContextParameters();
        if (parameters == null && c.isUseGlobalSslContextParameters()) {
            parameters = camel.getSSLContextParameters();
        }
        try {
            SSLContext context = parameters != null ? parameters.createSSLContext(camel) : SSLContext.getDefault();
            return new TlsSettings(context, c.isImplicitTls(), privateData);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Option '" + (sideParameters != null ? option : "sslContextParameters")
                    + "': cannot create the TLS context: " + e.getMessage(), e);
        }
    }

    /** peer, reply, or the literal address (or host name, resolved once) to announce instead. */
    static AddressPolicy addressPolicy(String value) {
        if (value == null || value.equalsIgnoreCase("peer")) {
            return AddressPolicy.PEER;
        }
        if (value.equalsIgnoreCase("reply")) {
            return AddressPolicy.REPLY;
        }
        try {
            return AddressPolicy.fixed(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Option 'passiveAddress' must be peer, reply or an address, not '" + value
                    + "': " + e.getMessage(), e);
        }
    }

    static DataNetworks dataNetworks(String list) {
        try {
            return DataNetworks.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option 'allowedDataNetworks': " + e.getMessage(), e);
        }
    }

    /** The enum constant named by {@code value}, case aside, or an error listing the allowed values. */
    static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (compact(constant.name()).equals(compact(String.valueOf(value)))) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> compact(e.name()))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("Option '" + option + "' must be one of " + allowed + ", not '" + value + "'");
    }

    /** TRY_RENAME, TryRename and tryrename are the same value. */
    private static String compact(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
