package io.github.ftp3p.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerCpuTest {

    @Test
    void theTimesAreFieldsFourteenToSeventeenEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (pure-ftpd (IDLE) x) S 1 4242 4242 0 -1 4194624 120 0 0 0 7 3 11 13 20 0 1 0 99 1000 200";

        assertThat(ServerCpu.parseTicks(stat)).isEqualTo(7 + 3 + 11 + 13);
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertThat(ServerCpu.nanos(List.of(ProcessHandle.current()))).isPositive();
    }
}
