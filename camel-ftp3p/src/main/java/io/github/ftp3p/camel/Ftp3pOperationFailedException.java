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

    public Ftp3pOperationFailedException(FtpTransferException cause) {
        super(cause.replyCode(), cause.replyText(), cause);
        this.side = cause.side();
        this.command = cause.command();
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
        return getCause().getMessage();
    }
}
