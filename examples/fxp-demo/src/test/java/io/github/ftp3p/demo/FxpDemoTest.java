package io.github.ftp3p.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FxpDemoTest {

    @Test
    void theDemoCopiesTheInvoicesMovesTheCatalogueAndMirrorsTheReportsWithoutTheDataCrossingTheHost(@TempDir Path work) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long bigFile = 8L * 1024 * 1024;

        FxpDemo.Summary summary = FxpDemo.run(work, bigFile, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(summary.identical()).isTrue();
        assertThat(summary.files()).isEqualTo(24);
        // Control connections and the mirror's listings: well under 1% of the bytes moved.
        assertThat(summary.bytesThroughHost()).isPositive().isLessThan(summary.bytes() / 100);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("RETR outbox/invoice-003.xml", "RNTO inbox/invoice-003.xml");
        assertThat(output).contains("PASS ****", "RETR outbox/catalogue.bin", "STOR inbox/.ftp3p.catalogue.bin", "RNTO inbox/catalogue.bin",
                "DELE outbox/catalogue.bin", "bytes via Camel host", "MLSD reports/2026-04", "MKD reports/2026-05");
        assertThat(output).doesNotContain("pw-partner", "pw-ingest");
    }
}
