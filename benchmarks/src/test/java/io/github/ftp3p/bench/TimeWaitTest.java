package io.github.ftp3p.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeWaitTest {

    @Test
    void aSocketInStateSixIsInTimeWait() {
        assertThat(TimeWait.isTimeWait(
                "  12: 0100007F:A1B2 0100007F:0015 06 00000000:00000000 03:00000F3A 00000000     0        0 0 3 0000000000000000"))
                .isTrue();
        assertThat(TimeWait.isTimeWait(
                "   0: 0100007F:0015 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1"))
                .isFalse();
    }
}
