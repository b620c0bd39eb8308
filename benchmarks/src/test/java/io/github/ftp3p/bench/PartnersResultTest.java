package io.github.ftp3p.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ftp3p.bench.PartnersMain.Snapshot;
import org.junit.jupiter.api.Test;

class PartnersResultTest {

    private static final PartnersResult RESULT = new PartnersResult(1000, 8, 2000, 15_000, 10.5,
            new Snapshot(9, 3, 5_000_000, 50), 26, new Snapshot(18, 12, 35_000_000, 500),
            new Snapshot(6, 0, 10_632_000, 50), 0, false);

    @Test
    void travelsFromItsJvmAsOneLine() {
        assertThat(PartnersResult.parse(RESULT.toLine())).isEqualTo(RESULT);
    }

    @Test
    void chargesEachEndpointTheHeapAboveTheBaselineOnceIdle() {
        assertThat(RESULT.heapPerEndpoint()).isEqualTo(5632.0);
    }
}
