package io.github.ftp3p.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a file through this host, for a server pair that refuses FXP both ways (fallback=relay), as lftp
 * does when FXP fails: a passive data connection from this host to each server, RETR on the source, STOR on
 * the target, and the bytes copied through one fixed buffer, so memory stays flat whatever the file size and
 * nothing is written to this host's disk. The steps:
 * <ol>
 * <li>PASV/EPSV to the source, connect, REST if resuming, RETR, await its 1yz;</li>
 * <li>PASV/EPSV to the target, connect, REST if resuming, STOR, await its 1yz;</li>
 * <li>copy until the source's end of data, close the target's data connection;</li>
 * <li>both final replies.</li>
 * </ol>
 */
public final class RelayTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(RelayTransfer.class);
    private static final int BUFFER = 64 * 1024;

    private final ControlConnection source;
    private final ControlConnection target;
    private final PassiveData data;
    private final TlsSettings sourceTls;
    private final TlsSettings targetTls;

    /**
     * @param sockets makes the data sockets (the control connections' factory, so a bound local address or a
     *                byte count applies to them too); null for the JDK default
     * @param timeout for connecting, each reply, and each read on the data connections
     * @param sourceTls FTPS on the source (its data connection in TLS with PROT P), or null
     * @param targetTls FTPS on the target, or null
     */
    public RelayTransfer(ControlConnection source, ControlConnection target, TransferOptions options, SocketFactory sockets,
            Duration timeout, TlsSettings sourceTls, TlsSettings targetTls) {
        this.sourceTls = sourceTls;
        this.targetTls = targetTls;
        this.source = source;
        this.target = target;
        this.data = new PassiveData(options, sockets, timeout);
    }

    public TransferOutcome run(String sourcePath, FtpCommand stor, long restartAt) {
        FtpCommand retr = FtpCommand.of("RETR", Arguments.requireSafeName("source path", sourcePath));
        boolean storSent = false;
        try (Socket in = open(source, retr, restartAt)) {
            storSent = true;
            try (Socket out = open(target, stor, restartAt)) {
                copy(in, out, retr, stor);
            }
            FtpReply sourceReply = finalReply(source, retr);
            FtpReply targetReply = finalReply(target, stor);
            return new TransferOutcome(null, sourceReply, targetReply, null, false, false);
        } catch (FtpTransferException e) {
            source.markBroken();
            target.markBroken();
            return new TransferOutcome(null, null, null, e, false, storSent);
        } catch (IOException e) {
            source.markBroken();
            target.markBroken();
            return new TransferOutcome(null, null, null, new FtpConnectionException(Side.SOURCE, retr,
                    "relay data connection failed", e), false, storSent);
        }
    }

    private Socket open(ControlConnection connection, FtpCommand command, long restartAt) {
        return data.open(connection, command, restartAt, connection.side() == Side.SOURCE ? sourceTls : targetTls);
    }

    private void copy(Socket from, Socket to, FtpCommand retr, FtpCommand stor) {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new FtpConnectionException(Side.SOURCE, retr, "relay data connection failed after " + copied
                            + " bytes", e);
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new FtpConnectionException(Side.TARGET, stor, "relay data connection failed after " + copied
                            + " bytes", e);
                }
                copied += n;
            }
        } catch (IOException e) {
            throw new FtpConnectionException(Side.TARGET, stor, "closing the relay data connection failed", e);
        }
        LOG.debug("Relayed {} bytes", copied);
    }

    private FtpReply finalReply(ControlConnection connection, FtpCommand command) {
        return data.finalReply(connection, command);
    }
}
