package io.github.ftp3p.protocol;

import java.io.IOException;

import org.apache.commons.net.ftp.FTP;

/**
 * commons-net's {@link FTP} used as a plain transport: it connects, reads replies (multi-line included)
 * and exposes the raw line writer. Its own {@code sendCommand} always waits for the reply; FXP needs two
 * transfer commands outstanding at once, so this class can also send a line without reading.
 */
final class CommandChannel extends FTP {

    void sendLine(String line) throws IOException {
        _controlOutput_.write(line);
        _controlOutput_.write("\r\n");
        _controlOutput_.flush();
    }
}
