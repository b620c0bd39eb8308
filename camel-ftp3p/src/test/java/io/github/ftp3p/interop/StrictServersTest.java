package io.github.ftp3p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ftp3p.camel.BoundSocketFactory;
import io.github.ftp3p.camel.Ftp3pConstants;
import io.github.ftp3p.camel.Ftp3pOperationFailedException;
import io.github.ftp3p.camel.FtpServerPair;
import io.github.ftp3p.protocol.FxpRefusedException;
import io.github.ftp3p.testing.RealFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers with their FXP protections on, and ftp3p's control sockets bound to 127.0.0.2 so that the
 * protections bite on loopback (the data connection then comes from another address than the client).
 */
class StrictServersTest {

    private Path work;
    private CamelContext camel;
    private Peer source;
    private Peer target;

    @BeforeEach
    void start() throws Exception {
        work = Files.createTempDirectory("ftp3p-strict");
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("from127002", new BoundSocketFactory("127.0.0.2"));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        for (Peer peer : new Peer[] { source, target }) {
            if (peer != null) {
                peer.close();
            }
        }
        FtpServerPair.deleteTree(work);
    }

    private Peer strict(String kind, String role, RealFtpServer.Options options) {
        if (Peer.FTPSERVER.equals(kind)) {
            return Peer.embedded(work.resolve(kind + "-" + role), true);
        }
        return Peer.required(kind, work.resolve(kind + "-" + role), options);
    }

    private Exchange copy(String name, String options) {
        String uri = "ftp3p:copy?" + source.options("source") + "&" + target.options("target")
                + "&socketFactory=#from127002&replyTimeout=5000" + (options.isEmpty() ? "" : "&" + options);
        return camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, name));
    }

    @ParameterizedTest
    @ValueSource(strings = { Peer.FTPSERVER, RealFtpServer.VSFTPD, RealFtpServer.PROFTPD, RealFtpServer.PURE_FTPD })
    void whenBothServersRefuseFxpTheErrorListsEachRefusalAndTheSettingThatAllowsIt(String kind) throws Exception {
        RealFtpServer.Options closed = RealFtpServer.Options.defaults().withFxpAllowed(false);
        source = strict(kind, "source", closed);
        target = strict(kind, "target", closed);
        Path original = source.home().resolve("f.bin");
        FtpServerPair.writeRandom(original, 100_000, 3);

        Exchange result = copy("f.bin", "");

        assertThat(result.getException()).isInstanceOf(Ftp3pOperationFailedException.class)
                .hasCauseInstanceOf(FxpRefusedException.class)
                .hasMessageContaining("target passive:").hasMessageContaining("source passive:")
                .hasMessageContaining(Peer.FXP_SETTINGS.get(kind)).hasMessageContaining("fallback=relay");
        assertThat(target.home().resolve("f.bin")).doesNotExist();
        assertThat(original).hasSize(100_000);
    }

    @ParameterizedTest
    @ValueSource(strings = { Peer.FTPSERVER, RealFtpServer.VSFTPD, RealFtpServer.PROFTPD, RealFtpServer.PURE_FTPD })
    void whenBothServersRefuseFxpFallbackRelayCopiesThroughTheHost(String kind) throws Exception {
        RealFtpServer.Options closed = RealFtpServer.Options.defaults().withFxpAllowed(false);
        source = strict(kind, "source", closed);
        target = strict(kind, "target", closed);
        Path original = source.home().resolve("f.bin");
        FtpServerPair.writeRandom(original, 1_000_000, 4);

        Exchange result = copy("f.bin", "fallback=relay");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.MODE)).isEqualTo("relay");
        assertThat(Files.mismatch(original, target.home().resolve("f.bin"))).isEqualTo(-1L);
    }

    @Test
    void aPairOfDifferentAddressFamiliesFailsWithAnErrorThatSaysSo() throws Exception {
        source = strict(RealFtpServer.VSFTPD, "source", RealFtpServer.Options.defaults().withIpv6(true));
        target = Peer.embedded(work.resolve("ftpserver-target"), false);
        FtpServerPair.writeRandom(source.home().resolve("f.bin"), 1000, 6);
        String uri = "ftp3p:copy?" + source.options("source") + "&" + target.options("target") + "&replyTimeout=5000";

        Exchange result = camel.createProducerTemplate().request(uri, e -> e.getMessage().setHeader(Exchange.FILE_NAME, "f.bin"));

        assertThat(result.getException()).hasCauseInstanceOf(FxpRefusedException.class)
                .hasMessageContaining("different address families");
        assertThat(target.home().resolve("f.bin")).doesNotExist();
    }

    @Test
    void autoFindsTheOneOrientationAServerAllows() throws Exception {
        // vsftpd accepts passive data connections from other hosts but no PORT to them: it must be the passive side.
        source = strict(RealFtpServer.VSFTPD, "source", RealFtpServer.Options.defaults().withPassiveFxpOnly(true));
        target = strict(RealFtpServer.PROFTPD, "target", RealFtpServer.Options.defaults());
        Path original = source.home().resolve("f.bin");
        FtpServerPair.writeRandom(original, 500_000, 5);

        Exchange result = copy("f.bin", "");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(Ftp3pConstants.PASSIVE_SIDE)).isEqualTo("source");
        assertThat(result.getMessage().getHeader(Ftp3pConstants.MODE)).isEqualTo("fxp");
        assertThat(Files.mismatch(original, target.home().resolve("f.bin"))).isEqualTo(-1L);
    }
}
