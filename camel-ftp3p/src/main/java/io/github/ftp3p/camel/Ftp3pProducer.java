package io.github.ftp3p.camel;

import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.transfer.SourceAction;
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
        String moveSourceTo = evaluate("moveSourceTo", endpoint.moveSourceToExpression(), exchange);
        SourceAction action = moveSourceTo != null ? SourceAction.MOVE
                : endpoint.isMove() ? SourceAction.DELETE : SourceAction.KEEP;
        TransferRequest request = TransferRequest.copy(sourceName, targetName)
                .withSourceAction(action, moveSourceTo)
                .withMoveExisting(evaluate("moveExisting", endpoint.moveExistingExpression(), exchange))
                .withListener(new ProgressLog(exchange, endpoint.getConfiguration().getProgressLogInterval()))
                .asRetry(in.getHeader(Exchange.REDELIVERED, false, Boolean.class));
        TransferResult result;
        try {
            result = endpoint.client().transfer(request);
        } catch (FtpTransferException e) {
            throw new Ftp3pOperationFailedException(e);
        }
        in.setHeader(Ftp3pConstants.FILE_NAME_PRODUCED, result.targetPath());
        in.setHeader(Ftp3pConstants.FILE_SIZE, result.size());
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
