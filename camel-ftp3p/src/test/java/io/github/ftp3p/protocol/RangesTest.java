package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void aReplyTimeoutBelowOneMillisecondIsRefusedSinceASocketWouldTakeItAsNoLimit() {
        assertThatThrownBy(() -> new ConnectionSettings(Duration.ofSeconds(1), Duration.ofNanos(500_000), null))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("replyTimeout"))
                .hasMessage("replyTimeout must be from 1 to 2147483647 milliseconds (about 24.8 days), not PT0.0005S");
    }

    @Test
    void aDurationBeyondALongOfNanosecondsIsRefusedWithoutOverflowing() {
        assertThatThrownBy(() -> new TransferOptions(ExtendedMode.AUTO, AddressPolicy.PEER, Duration.ofDays(400 * 365)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("transferTimeout must be from 0 to 2147483647 milliseconds (about 24.8 days) (0 for none), "
                        + "not PT3504000H");
    }
}
