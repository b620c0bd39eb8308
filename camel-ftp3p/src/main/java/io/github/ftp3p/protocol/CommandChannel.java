package io.github.ftp3p.protocol;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.time.Duration;

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
     * Reads the next reply with ftp3p's bounded reader instead of commons-net's, which accepts lines and
     * replies of any length and only times out when nothing at all arrives.
     */
    FtpReply readReply(Duration timeout) throws IOException {
        BufferedReader in = _controlInput_;
        if (in == null) {
            throw new IOException("the connection was closed");
        }
        try {
            return ReplyReader.read(in, timeout);
        } catch (NullPointerException e) {
            // disconnect() from another thread (an abort) drops the reader under this one
            throw new IOException("the connection was closed", e);
        }
    }
}
