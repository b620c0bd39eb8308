package io.github.ftp3p.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void takesTheMedianOfEachValueOnItsOwn() {
        Measurement median = Measurement.median(List.of(
                new Measurement(30, 1, 500, 7), new Measurement(10, 3, 100, 9), new Measurement(20, 2, 300, 8)));

        assertThat(median).isEqualTo(new Measurement(20, 2, 300, 8));
    }

    @Test
    void travelsAsOneLine() {
        Measurement m = new Measurement(1_234_567_890L, 12_000_000L, 6_291_456L, -1);

        assertThat(Measurement.parse(m.toLine())).isEqualTo(m);
    }

    @Test
    void readsSizesInBinaryUnits() {
        assertThat(BenchConfig.parseSize("1g")).isEqualTo(1L << 30);
        assertThat(BenchConfig.parseSize("64m")).isEqualTo(64L << 20);
        assertThat(BenchConfig.parseSize("512KiB")).isEqualTo(512L << 10);
        assertThat(BenchConfig.parseSize("4096")).isEqualTo(4096);
        assertThat(BenchConfig.formatSize(64L << 20)).isEqualTo("64 MiB");
    }

    @Test
    void readsTheChildrensCpuTimeFromBashTimes() {
        assertThat(Lftp.childrenCpu(List.of("0m0.001s 0m0.002s", "0m0.012s 1m0.004s"))).isEqualTo(60_016_000_000L);
        assertThat(Lftp.childrenCpu(List.of())).isEqualTo(-1);
    }
}
