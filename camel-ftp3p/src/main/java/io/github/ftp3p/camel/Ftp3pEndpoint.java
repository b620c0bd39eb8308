package io.github.ftp3p.camel;

import java.time.Duration;
import java.util.List;

import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.Ranges;
import io.github.ftp3p.protocol.TransferListener;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.transfer.FxpClient;
import io.github.ftp3p.transfer.FxpSettings;
import io.github.ftp3p.transfer.TransferRecorder;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Copy or move files from one FTP server to another, server-to-server (FXP): the data goes straight between
 * the two servers and never through Camel.
 */
@ManagedResource(description = "ftp3p endpoint: server-to-server transfers and connection pools")
@UriEndpoint(firstVersion = "0.1.0", scheme = "ftp3p", title = "FTP Server-to-Server (FXP)", syntax = "ftp3p:operation",
        producerOnly = true, category = { Category.FILE }, headersClass = Ftp3pConstants.class)
public class Ftp3pEndpoint extends DefaultEndpoint {

    @UriPath(enums = "copy,move,sync,cleanup")
    @Metadata(required = true)
    private String operation;
    @UriParam
    private final Ftp3pConfiguration configuration;

    private FtpServerAddress sourceServer;
    private FtpServerAddress targetServer;
    private FxpSettings settings;
    private Duration cleanupAge;
    private Expression fileName;
    private Expression targetFileName;
    private Expression moveExisting;
    private Expression moveSourceTo;
    private FxpClient client;
    private TransferMeters meters;

    public Ftp3pEndpoint(String uri, Ftp3pComponent component, Ftp3pConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    /** Checks every option; called when the endpoint is created so that a bad URI fails at once. */
    void validate() {
        if (!List.of("copy", "move", "sync", "cleanup").contains(operation)) {
            throw new IllegalArgumentException("Unknown operation '" + operation + "' in ftp3p:" + operation
                    + ": expected ftp3p:copy, ftp3p:move, ftp3p:sync or ftp3p:cleanup");
        }
        // A cleanup speaks to the target only: without a source, the target stands in and is never asked for one.
        boolean targetOnly = isCleanup() && configuration.getSource() == null;
        sourceServer = targetOnly ? null : Ftp3pOptions.server("source", configuration.getSource(),
                configuration.getSourceUsername(), configuration.getSourcePassword(), configuration.getSourceDirectory(),
                configuration.getSourceAccount(), configuration.getSourceSiteCommand(), getCamelContext());
        targetServer = Ftp3pOptions.server("target", configuration.getTarget(), configuration.getTargetUsername(),
                configuration.getTargetPassword(), configuration.getTargetDirectory(), configuration.getTargetAccount(),
                configuration.getTargetSiteCommand(), getCamelContext());
        if (targetOnly) {
            sourceServer = targetServer;
        }
        Ftp3pConfiguration effective = configuration;
        if (isCleanup()) {
            // tempFileMaxAge is the cleanup's own minimum age here, 0 included; the sweep beside transfers stays off.
            cleanupAge = Ranges.requireNotNegative("tempFileMaxAge", Duration.ofMillis(configuration.getTempFileMaxAge()));
            effective = configuration.copy();
            effective.setTempFileMaxAge(0);
        }
        settings = Ftp3pOptions.settings(effective, getCamelContext(), sourceServer, targetServer);
        if (isSync() && configuration.isDeleteExtraneous() && configuration.getDoneFileName() != null) {
            // The source has no done files: deleteExtraneous would delete those of every earlier run.
            throw new IllegalArgumentException("Option 'doneFileName' cannot be used with deleteExtraneous on ftp3p:sync: "
                    + "the done files on the target have no source file, so they would be deleted as extraneous");
        }
        // The sync options are checked on every endpoint (parallelTransfers serves batches too).
        Ftp3pOptions.sync(configuration, TransferListener.NONE);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        fileName = simple(configuration.getFileName());
        targetFileName = simple(configuration.getTargetFileName());
        moveExisting = simple(configuration.getMoveExisting());
        moveSourceTo = simple(configuration.getMoveSourceTo());
    }

    private Expression simple(String text) {
        return text == null ? null : getCamelContext().resolveLanguage("simple").createExpression(text);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Ftp3pComponent component = (Ftp3pComponent) getComponent();
        meters = micrometerPresent() ? TransferMeters.bind(this) : null;
        client = new FxpClient(sourceServer, targetServer, settings, component.replies(), component.progress(),
                meters == null ? TransferRecorder.NONE : meters);
    }

    /**
     * micrometer-core is an optional dependency: without it TransferMeters, which uses it, is never loaded. Asked of
     * the context's class resolver, which knows the application's class loader (Quarkus, OSGi).
     */
    private boolean micrometerPresent() {
        return getCamelContext().getClassResolver().resolveClass("io.micrometer.core.instrument.MeterRegistry") != null;
    }

    @Override
    protected void doStop() throws Exception {
        // The threads are the component's, shared by its endpoints; the connections are this endpoint's own.
        if (client != null) {
            client.close();
            client = null;
        }
        if (meters != null) {
            meters.close();
            meters = null;
        }
        super.doStop();
    }

    @Override
    public Producer createProducer() {
        return new Ftp3pProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("ftp3p is producer-only: poll the source with camel-ftp "
                + "(download=false) and send each file name to ftp3p");
    }

    @ManagedAttribute(description = "Transfers that succeeded")
    public long getTransfersCompleted() {
        return client == null ? 0 : client.transfersCompleted();
    }

    @ManagedAttribute(description = "Transfers that failed")
    public long getTransfersFailed() {
        return client == null ? 0 : client.transfersFailed();
    }

    @ManagedAttribute(description = "Bytes written on the target")
    public long getBytesTransferred() {
        return client == null ? 0 : client.bytesTransferred();
    }

    @ManagedAttribute(description = "Source connections lent out now")
    public int getSourceConnectionsActive() {
        return client == null ? 0 : client.activeConnections(Side.SOURCE);
    }

    @ManagedAttribute(description = "Source connections idle in the pool")
    public int getSourceConnectionsIdle() {
        return client == null ? 0 : client.idleConnections(Side.SOURCE);
    }

    @ManagedAttribute(description = "Target connections lent out now")
    public int getTargetConnectionsActive() {
        return client == null ? 0 : client.activeConnections(Side.TARGET);
    }

    @ManagedAttribute(description = "Target connections idle in the pool")
    public int getTargetConnectionsIdle() {
        return client == null ? 0 : client.idleConnections(Side.TARGET);
    }

    @ManagedAttribute(description = "Logins since start, both sides")
    public long getLogins() {
        return client == null ? 0 : client.connectionsCreated(Side.SOURCE) + client.connectionsCreated(Side.TARGET);
    }

    public String getOperation() {
        return operation;
    }

    /**
     * copy leaves the source file; move deletes it once the copy is verified (SIZE equal on both sides); sync
     * mirrors the source directory's tree to the target directory, server to server (the body is then a summary);
     * cleanup deletes the temporary files (tempPrefix) under the target directory at least tempFileMaxAge old, 0 for
     * all, as a route does when it takes over from a node that died mid-transfer (the body is then the list of
     * paths deleted; source is not needed).
     */
    public void setOperation(String operation) {
        this.operation = operation;
    }

    public Ftp3pConfiguration getConfiguration() {
        return configuration;
    }

    boolean isSync() {
        return "sync".equals(operation);
    }

    boolean isCleanup() {
        return "cleanup".equals(operation);
    }

    /** The minimum age of the temporary files ftp3p:cleanup deletes (its tempFileMaxAge, 0 for all). */
    Duration cleanupAge() {
        return cleanupAge;
    }

    boolean isMove() {
        return "move".equals(operation);
    }

    Expression fileNameExpression() {
        return fileName;
    }

    Expression targetFileNameExpression() {
        return targetFileName;
    }

    Expression moveExistingExpression() {
        return moveExisting;
    }

    Expression moveSourceToExpression() {
        return moveSourceTo;
    }

    FxpClient client() {
        return client;
    }

    String sourceIdentity() {
        return sourceServer.identity();
    }

    String targetIdentity() {
        return targetServer.identity();
    }
}
