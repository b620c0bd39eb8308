package io.github.ftp3p.protocol;

import java.io.BufferedWriter;
import java.io.IOException;

import org.apache.commons.net.ftp.FTP;

/**
 * commons-net's {@link FTP} used as a plain transport: it connects, reads replies (multi-line included)
 * and exposes the raw line writer. Its own {@code sendCommand} always waits for the reply; FXP needs two
 * transfer commands outstanding at once, so this class can also send a line without reading.
 */
final class CommandChannel extends FTP {

    void sendLine(String line) throws IOException {
        BufferedWriter out = _controlOutput_;
        if (out == null) {
            throw new IOException("the connection was closed");
        }
        out.write(line + "\r\n");
        out.flush();
    }

    /**
     * commons-net drops its reader on disconnect, which an abort may do from another thread while this one
     * reads: report that as the closed connection it is.
     */
    @Override
    public int getReply() throws IOException {
        try {
            return super.getReply();
        } catch (NullPointerException e) {
            throw new IOException("the connection was closed", e);
        }
    }
}
