package io.github.ftp3p.camel;

import io.github.ftp3p.protocol.FtpCommand;
import io.github.ftp3p.protocol.FtpTransferException;
import io.github.ftp3p.protocol.Side;
import org.apache.camel.component.file.GenericFileOperationFailedException;

/**
 * A failed transfer, as camel-ftp reports one ({@link #getCode()} is the FTP reply code, {@link #getReason()}
 * its text), so {@code onException(GenericFileOperationFailedException.class)} handlers written for camel-ftp
 * apply. Also says which server failed and on which command; the cause is the protocol layer's exception.
 */
public class Ftp3pOperationFailedException extends GenericFileOperationFailedException {

    private final Side side;
    private final FtpCommand command;

    private final String context;

    public Ftp3pOperationFailedException(FtpTransferException cause) {
        this(cause, null);
    }

    /** @param context which file of a batch failed, put before the cause's message */
    public Ftp3pOperationFailedException(FtpTransferException cause, String context) {
        super(cause.replyCode(), cause.replyText(), cause);
        this.side = cause.side();
        this.command = cause.command();
        this.context = context;
    }

    /** The server that failed. */
    public Side getSide() {
        return side;
    }

    /** The command that failed (PASS is masked when printed), or null when connecting failed. */
    public FtpCommand getCommand() {
        return command;
    }

    @Override
    public String getMessage() {
        return context == null ? getCause().getMessage() : context + ": " + getCause().getMessage();
    }
}
