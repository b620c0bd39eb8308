package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import io.github.ftp3p.camel.BoundSocketFactory;
import io.github.ftp3p.camel.Ftp3pOperationFailedException;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.protocol.FxpRefusedException;
import io.github.ftp3p.protocol.Side;
import io.github.ftp3p.testing.EmbeddedFtpServer;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors that say what happened, against real servers: the side that refused first in protocol order, FXP
 * refusals that say so in every passiveSide mode and name the server's setting, login failures that name the
 * host and user.
 */
class TruthfulErrorsTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final InteropWork work = new InteropWork();

    private Peer source;
    private Peer target;

    private Peer peer(String kind, String role, RealFtpServer.Options options, boolean ipChecks) {
        if (Peer.FTPSERVER.equals(kind)) {
            return Peer.embedded(work.resolve(kind + "-" + role), ipChecks);
        }
        return Peer.required(kind, work.resolve(kind + "-" + role), options);
    }

    private Exchange copy(String uri, String name) {
        return work.camel().createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
    }

    /**
     * Pure-FTPd refuses a STOR into a directory it may not write at once; with the target passive the source was
     * already told to send, and vsftpd reads no ABOR while it sends: waiting for its reply cost the whole reply
     * timeout (seen: 10.9 s). The refusal is the cause, and the source is dropped at once.
     */
    @ParameterizedTest(name = "{0} -> pure-ftpd")
    @ValueSource(strings = { Peer.FTPSERVER, RealFtpServer.VSFTPD })
    void aStorRefusedByAPassivePureFtpdTargetIsTheTargetsRefusalAndDoesNotWaitForTheSource(String sourceKind)
            throws Exception {
        source = work.track(peer(sourceKind, "source", RealFtpServer.Options.defaults(), false));
        target = work.track(peer(RealFtpServer.PURE_FTPD, "target", RealFtpServer.Options.defaults(), false));
        Path locked = Files.createDirectory(target.home().resolve("locked"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        Path original = source.home().resolve("big.bin");
        FtpServerPair.writeRandom(original, 30_000_000, 11);
        String uri = "ftp3p:copy?" + source.options("source") + "&target=ftp://" + target.user() + "@" + target.host() + ":"
                + target.port() + "/locked&targetPassword=RAW(" + target.password() + ")&passiveSide=target"
                + "&replyTimeout=" + REPLY_TIMEOUT.toMillis();

        long started = System.nanoTime();
        Exchange result = copy(uri, "big.bin");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Ftp3pOperationFailedException failure = result.getException(Ftp3pOperationFailedException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCommand().verb()).isEqualTo("STOR");
        assertThat(failure.getCode()).isBetween(450, 559);
        assertThat(took).as("failed without waiting a reply timeout for the source").isLessThan(REPLY_TIMEOUT);
        assertThat(original).hasSize(30_000_000);
        try (var files = Files.list(locked)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * With the source passive the target is active: it is sent STOR first and answers once it connected, or
     * refuses; so a refused STOR never makes the source send anything.
     */
    @Test
    void aStorRefusedByAnActiveTargetMeansTheSourceIsNeverToldToSend() throws Exception {
        source = work.track(peer(Peer.FTPSERVER, "source", RealFtpServer.Options.defaults(), false));
        target = work.track(peer(RealFtpServer.PURE_FTPD, "target", RealFtpServer.Options.defaults(), false));
        Files.createDirectory(target.home().resolve("locked"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        FtpServerPair.writeRandom(source.home().resolve("f.bin"), 1_000_000, 13);
        String uri = "ftp3p:copy?" + source.options("source") + "&target=ftp://" + target.user() + "@" + target.host() + ":"
                + target.port() + "/locked&targetPassword=RAW(" + target.password() + ")&passiveSide=source&replyTimeout=5000";

        Exchange result = copy(uri, "f.bin");

        Ftp3pOperationFailedException failure = result.getException(Ftp3pOperationFailedException.class);
        assertThat(failure.getSide()).isEqualTo(Side.TARGET);
        assertThat(failure.getCommand().verb()).isEqualTo("STOR");
        assertThat(((EmbeddedFtpServer) source.process()).commands()).contains("PASV").noneMatch(c -> c.startsWith("RETR"));
    }

    /**
     * With one orientation allowed, a refused PORT or data connection used to come back as the raw reply; it says
     * now that FXP was refused, and what each server needs in its role.
     */
    @ParameterizedTest(name = "{0}, passiveSide={1}")
    @CsvSource({ "vsftpd, target, port_promiscuous=YES", "vsftpd, source, port_promiscuous=YES",
            "proftpd, target, AllowForeignAddress on", "proftpd, source, AllowForeignAddress on",
            "ftpserver, target, activeIpCheck=false", "ftpserver, source, activeIpCheck=false" })
    void aRefusalWithOneOrientationAllowedSaysFxpWasRefusedAndNamesTheSetting(String kind, String passiveSide,
            String setting) throws Exception {
        RealFtpServer.Options closed = RealFtpServer.Options.defaults().withFxpAllowed(false);
        source = work.track(peer(kind, "source", closed, true));
        target = work.track(peer(kind, "target", closed, true));
        FtpServerPair.writeRandom(source.home().resolve("f.bin"), 100_000, 12);
        work.camel().getRegistry().bind("from127002", new BoundSocketFactory("127.0.0.2"));
        String uri = "ftp3p:copy?" + source.options("source") + "&" + target.options("target")
                + "&socketFactory=#from127002&replyTimeout=5000&passiveSide=" + passiveSide;

        Exchange result = copy(uri, "f.bin");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(FxpRefusedException.class)
                .hasMessageContaining("FXP was refused (" + passiveSide + " passive: ")
                .hasMessageContaining(setting).hasMessageContaining("fallback=relay");
        assertThat(target.home().resolve("f.bin")).doesNotExist();
    }

    @Test
    void aRefusedLoginNamesTheHostAndTheUser() throws Exception {
        source = work.track(peer(RealFtpServer.PROFTPD, "source", RealFtpServer.Options.defaults(), false));
        target = work.track(peer(Peer.FTPSERVER, "target", RealFtpServer.Options.defaults(), false));
        String uri = "ftp3p:copy?source=ftp://" + source.user() + "@" + source.host() + ":" + source.port()
                + "/&sourcePassword=wrong&" + target.options("target") + "&replyTimeout=5000";

        Exchange result = copy(uri, "f.bin");

        Ftp3pOperationFailedException failure = result.getException(Ftp3pOperationFailedException.class);
        assertThat(failure.getSide()).isEqualTo(Side.SOURCE);
        assertThat(failure.getCommand().verb()).isEqualTo("PASS");
        assertThat(failure).hasMessageContaining("logging in as " + source.user() + " at " + source.host() + ":"
                + source.port());
        assertThat(failure.getMessage()).as("the password is never shown").doesNotContain("wrong");
    }
}
