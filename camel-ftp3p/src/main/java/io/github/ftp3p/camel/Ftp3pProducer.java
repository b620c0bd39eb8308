package io.github.ftp3p.camel;

import io.github.ftp3p.protocol.Arguments;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.transfer.TransferRequest;
import io.github.ftp3p.transfer.TransferResult;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Transfers the file an exchange names. Safe for concurrent exchanges: each borrows its own pair of
 * connections from the endpoint's pools.
 */
public class Ftp3pProducer extends DefaultProducer {

    public Ftp3pProducer(Ftp3pEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public Ftp3pEndpoint getEndpoint() {
        return (Ftp3pEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String sourceName = sourceName(exchange);
        String targetName = in.getHeader(Ftp3pConstants.TARGET_FILE_NAME, String.class);
        if (targetName != null) {
            Arguments.requireSafeName("header " + Ftp3pConstants.TARGET_FILE_NAME, targetName);
        } else if (getEndpoint().targetFileNameExpression() != null) {
            targetName = Arguments.requireSafeName("option targetFileName",
                    getEndpoint().targetFileNameExpression().evaluate(exchange, String.class));
        } else {
            targetName = sourceName;
        }
        TransferResult result;
        try {
            result = getEndpoint().client().transfer(new TransferRequest(sourceName, targetName, getEndpoint().isMove()));
        } catch (FtpTransferException e) {
            throw new Ftp3pOperationFailedException(e);
        }
        in.setHeader(Ftp3pConstants.FILE_NAME_PRODUCED, result.targetPath());
        in.setHeader(Ftp3pConstants.FILE_SIZE, result.size());
        in.setHeader(Ftp3pConstants.PASSIVE_SIDE, result.passiveSide().label());
        in.setHeader(Ftp3pConstants.SOURCE_REPLY, result.sourceReply().text());
        in.setHeader(Ftp3pConstants.TARGET_REPLY, result.targetReply().text());
        in.setHeader(Ftp3pConstants.DURATION, result.duration().toMillis());
    }

    private String sourceName(Exchange exchange) {
        Expression expression = getEndpoint().fileNameExpression();
        if (expression != null) {
            return Arguments.requireSafeName("option fileName", expression.evaluate(exchange, String.class));
        }
        String name = exchange.getMessage().getHeader(Ftp3pConstants.FILE_NAME, String.class);
        if (name == null) {
            throw new IllegalArgumentException("No file to transfer: set the header " + Ftp3pConstants.FILE_NAME
                    + " or the option fileName");
        }
        return Arguments.requireSafeName("header " + Ftp3pConstants.FILE_NAME, name);
    }
}
