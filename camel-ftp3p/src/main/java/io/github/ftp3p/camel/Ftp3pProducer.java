package io.github.ftp3p.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.transfer.ParallelBatch;
import io.github.ftp3p.transfer.SyncFailedException;
import io.github.ftp3p.transfer.SyncSettings;
import io.github.ftp3p.transfer.SyncSummary;
import io.github.ftp3p.transfer.BatchResult;
import io.github.ftp3p.transfer.SourceAction;
import io.github.ftp3p.transfer.TemporaryName;
import io.github.ftp3p.transfer.TransferRequest;
import io.github.ftp3p.transfer.TransferResult;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;

/**
 * Transfers the file an exchange names. Safe for concurrent exchanges: each borrows its own pair of
 * connections from the endpoint's pools.
 */
public class Ftp3pProducer extends DefaultProducer {

    public Ftp3pProducer(Ftp3pEndpoint endpoint) {
        super(endpoint);
    }

    private WritableHealthCheckRepository healthChecks;
    private Ftp3pHealthCheck healthCheck;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Optional: present only with camel-health on the classpath.
        healthChecks = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthChecks != null) {
            healthCheck = new Ftp3pHealthCheck(getEndpoint());
            healthChecks.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthChecks != null && healthCheck != null) {
            healthChecks.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public Ftp3pEndpoint getEndpoint() {
        return (Ftp3pEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        if (getEndpoint().isSync()) {
            processSync(exchange);
            return;
        }
        if (getEndpoint().isCleanup()) {
            processCleanup(exchange);
            return;
        }
        Object names = exchange.getMessage().getHeader(Ftp3pConstants.FILE_NAMES);
        if (names != null) {
            processBatch(exchange, names);
            return;
        }
        Ftp3pEndpoint endpoint = getEndpoint();
        Message in = exchange.getMessage();
        String sourceName = sourceName(exchange);
        String targetName = in.getHeader(Ftp3pConstants.TARGET_FILE_NAME, String.class);
        if (targetName != null) {
            Paths.requireContained("header " + Ftp3pConstants.TARGET_FILE_NAME, targetName);
        } else {
            targetName = evaluate("targetFileName", endpoint.targetFileNameExpression(), exchange);
        }
        if (targetName == null) {
            targetName = sourceName;
        }
        TransferRequest request = request(exchange, sourceName, targetName);
        TransferResult result;
        try {
            result = endpoint.client().transfer(request);
        } catch (FtpTransferException e) {
            throw new Ftp3pOperationFailedException(e);
        }
        in.setHeader(Ftp3pConstants.FILE_NAME_PRODUCED, result.targetPath());
        in.setHeader(Ftp3pConstants.FILE_SIZE, result.size());
        if (result.size() >= 0) {
            in.setHeader(Ftp3pConstants.FILE_LENGTH, result.size());
        }
        in.setHeader(Ftp3pConstants.DURATION, result.duration().toMillis());
        in.setHeader(Ftp3pConstants.VERIFIED_BY, result.verifiedBy());
        in.setHeader(Ftp3pConstants.SKIPPED, result.skipped());
        in.setHeader(Ftp3pConstants.RESUMED_FROM, result.resumedFrom());
        in.setHeader(Ftp3pConstants.MODE, result.mode());
        if (result.passiveSide() != null) {
            in.setHeader(Ftp3pConstants.PASSIVE_SIDE, result.passiveSide().label());
        }
        if (!result.skipped()) {
            in.setHeader(Ftp3pConstants.SOURCE_REPLY, result.sourceReply().text());
            in.setHeader(Ftp3pConstants.TARGET_REPLY, result.targetReply().text());
        }
    }

    /** The request for one file, with the options' expressions evaluated against {@code exchange}. */
    private TransferRequest request(Exchange exchange, String sourceName, String targetName) {
        Ftp3pEndpoint endpoint = getEndpoint();
        String moveSourceTo = evaluate("moveSourceTo", endpoint.moveSourceToExpression(), exchange);
        SourceAction action = moveSourceTo != null ? SourceAction.MOVE
                : endpoint.isMove() ? SourceAction.DELETE : SourceAction.KEEP;
        return TransferRequest.copy(sourceName, targetName)
                .withSourceAction(action, moveSourceTo)
                .withMoveExisting(evaluate("moveExisting", endpoint.moveExistingExpression(), exchange))
                .withListener(new ProgressLog(exchange, endpoint.getConfiguration().getProgressLogInterval()))
                .asRetry(exchange.getMessage().getHeader(Exchange.REDELIVERED, false, Boolean.class))
                .withAttempt(attempt(exchange));
    }

    /**
     * What makes this exchange's temporary names unique, kept on the exchange so that a redelivery writes (and
     * resumes) the same temporary file, while another exchange moving the same file never touches it.
     */
    private static String attempt(Exchange exchange) {
        String attempt = exchange.getProperty(Ftp3pConstants.ATTEMPT, String.class);
        if (attempt == null) {
            attempt = TemporaryName.newAttempt();
            exchange.setProperty(Ftp3pConstants.ATTEMPT, attempt);
        }
        return attempt;
    }

    /**
     * The files a CamelFtp3pFileNames header lists, in one batch. The options' expressions (moveSourceTo,
     * moveExisting) are evaluated once per file, with CamelFileName set to it. A redelivery skips the files an
     * earlier attempt finished.
     */
    private void processBatch(Exchange exchange, Object names) {
        Message in = exchange.getMessage();
        if (in.getHeader(Ftp3pConstants.TARGET_FILE_NAME) != null || getEndpoint().targetFileNameExpression() != null) {
            throw new IllegalArgumentException("The header " + Ftp3pConstants.FILE_NAMES + " transfers files under their "
                    + "own names: it cannot be combined with the header " + Ftp3pConstants.TARGET_FILE_NAME
                    + " or the option targetFileName");
        }
        Map<String, TransferResult> done = batchDone(exchange);
        Object fileName = in.getHeader(Ftp3pConstants.FILE_NAME);
        List<TransferRequest> requests = new ArrayList<>();
        try {
            for (String name : FileNamesHeader.names(names)) {
                if (!done.containsKey(name)) {
                    in.setHeader(Ftp3pConstants.FILE_NAME, name);
                    requests.add(request(exchange, name, name));
                }
            }
        } finally {
            in.setHeader(Ftp3pConstants.FILE_NAME, fileName);
        }
        long started = System.nanoTime();
        int lanes = getEndpoint().getConfiguration().getParallelTransfers();
        String failedName = null;
        FtpTransferException failure;
        try {
            if (lanes > 1 && requests.size() > 1) {
                ParallelBatch batch = getEndpoint().client().transferInLanes(requests, lanes);
                batch.finished().forEach((request, result) -> done.put(request.sourceName(), result));
                failure = batch.failure();
                failedName = batch.failed() == null ? null : batch.failed().sourceName();
            } else {
                BatchResult batch = getEndpoint().client().transferAll(requests);
                for (int i = 0; i < batch.results().size(); i++) {
                    done.put(requests.get(i).sourceName(), batch.results().get(i));
                }
                batch.finishedAfter().forEach((index, result) -> done.put(requests.get(index).sourceName(), result));
                failure = batch.failure();
                failedName = batch.succeeded() ? null : requests.get(batch.failedIndex()).sourceName();
            }
        } catch (FtpTransferException e) {
            // Refused before its first file (the same file on both sides): nothing was sent.
            throw new Ftp3pOperationFailedException(e);
        }
        // Over every attempt of this exchange, so that a redelivery reports the whole batch.
        in.setHeader(Ftp3pConstants.FILES_PRODUCED, done.values().stream().map(TransferResult::targetPath).toList());
        long size = done.values().stream().mapToLong(r -> Math.max(0, r.size())).sum();
        in.setHeader(Ftp3pConstants.FILE_SIZE, size);
        in.setHeader(Ftp3pConstants.FILE_LENGTH, size);
        in.setHeader(Ftp3pConstants.DURATION, (System.nanoTime() - started) / 1_000_000);
        if (failure != null) {
            long left = requests.stream().filter(r -> !done.containsKey(r.sourceName())).count();
            throw new Ftp3pOperationFailedException(failure, "Batch stopped at " + failedName + " (" + done.size()
                    + " files finished, " + left + " left)");
        }
        exchange.removeProperty(Ftp3pConstants.BATCH_DONE);
    }

    /**
     * Mirrors the tree; the body becomes the {@link SyncSummary}, also when some paths failed, and the exchange then
     * fails with an exception listing them.
     */
    private void processSync(Exchange exchange) {
        Ftp3pConfiguration configuration = getEndpoint().getConfiguration();
        SyncSettings sync = Ftp3pOptions.sync(configuration,
                SyncProgress.listener(exchange, configuration.getProgressLogInterval()));
        try {
            summarise(exchange, getEndpoint().client().sync(sync));
        } catch (SyncFailedException e) {
            summarise(exchange, e.summary());
            throw new Ftp3pOperationFailedException(e);
        } catch (FtpTransferException e) {
            throw new Ftp3pOperationFailedException(e);
        }
    }

    /** Deletes the target tree's temporary files old enough; the body becomes the list of paths deleted. */
    private void processCleanup(Exchange exchange) {
        Ftp3pConfiguration configuration = getEndpoint().getConfiguration();
        List<String> deleted;
        try {
            deleted = getEndpoint().client().cleanTemporaryFiles(getEndpoint().cleanupAge(),
                    configuration.isRecursive() ? configuration.getMaxDepth() : 0);
        } catch (FtpTransferException e) {
            throw new Ftp3pOperationFailedException(e);
        }
        exchange.getMessage().setBody(deleted);
        exchange.getMessage().setHeader(Ftp3pConstants.CLEANUP_DELETED, deleted.size());
    }

    private static void summarise(Exchange exchange, SyncSummary summary) {
        Message message = exchange.getMessage();
        message.setBody(summary);
        message.setHeader(Ftp3pConstants.SYNC_COPIED, summary.copied());
        message.setHeader(Ftp3pConstants.SYNC_SKIPPED, summary.skipped());
        message.setHeader(Ftp3pConstants.SYNC_DELETED, summary.deleted());
        message.setHeader(Ftp3pConstants.SYNC_FAILED, summary.failed());
        message.setHeader(Ftp3pConstants.SYNC_DIRECTORIES_CREATED, summary.directoriesCreated());
        message.setHeader(Ftp3pConstants.SYNC_LISTING_BYTES, summary.listingBytes());
        message.setHeader(Ftp3pConstants.SYNC_ROUND_TRIPS, summary.roundTrips());
        message.setHeader(Ftp3pConstants.FILE_SIZE, summary.bytes());
        message.setHeader(Ftp3pConstants.DURATION, summary.durationMillis());
    }

    /** The files of the batch finished by earlier attempts of this exchange, by source name. */
    private static Map<String, TransferResult> batchDone(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, TransferResult> done = exchange.getProperty(Ftp3pConstants.BATCH_DONE, Map.class);
        if (done == null) {
            done = new LinkedHashMap<>();
            exchange.setProperty(Ftp3pConstants.BATCH_DONE, done);
        }
        return done;
    }

    private String sourceName(Exchange exchange) {
        String name = evaluate("fileName", getEndpoint().fileNameExpression(), exchange);
        if (name != null) {
            return name;
        }
        name = exchange.getMessage().getHeader(Ftp3pConstants.FILE_NAME, String.class);
        if (name == null) {
            throw new IllegalArgumentException("No file to transfer: set the header " + Ftp3pConstants.FILE_NAME
                    + " or the option fileName");
        }
        return Paths.requireContained("header " + Ftp3pConstants.FILE_NAME, name);
    }

    private static String evaluate(String option, Expression expression, Exchange exchange) {
        if (expression == null) {
            return null;
        }
        return Paths.requireContained("option " + option, expression.evaluate(exchange, String.class));
    }
}
