package io.github.ftp3p.protocol;

import java.io.IOException;

/** The control connection failed: refused, reset, closed, or no reply within the reply timeout. */
public final class FtpConnectionException extends FtpTransferException {

    public FtpConnectionException(Side side, FtpCommand command, String what, IOException cause) {
        super(side, command, "The " + describe(side, command) + ": " + what + ": " + cause, cause);
    }

    @Override
    public boolean connectionLost() {
        return true;
    }
}
