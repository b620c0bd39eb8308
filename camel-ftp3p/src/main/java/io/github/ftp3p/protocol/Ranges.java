package io.github.ftp3p.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * The ranges of the duration and number settings, checked here for every record that holds one.
 *
 * <p>A duration is at most {@link #MAX_DURATION}, {@code Integer.MAX_VALUE} milliseconds (about 24.8 days):
 * sockets take their timeouts as an int of milliseconds, and nanosecond sums of a few such durations stay far
 * from overflowing a long.
 */
public final class Ranges {

    public static final Duration MAX_DURATION = Duration.ofMillis(Integer.MAX_VALUE);
    /** Far more than any FTP server lets one user open, yet it catches a typo before a pool tries to open them. */
    public static final int MAX_CONNECTIONS = 1000;

    private Ranges() {
    }

    /** Returns {@code duration} if it is from 1 ms to {@link #MAX_DURATION}. */
    public static Duration requirePositive(String setting, Duration duration) {
        return require(setting, duration, 1, "");
    }

    /** Returns {@code duration} if it is from 0 to {@link #MAX_DURATION}; zero means never, or no limit. */
    public static Duration requireNotNegative(String setting, Duration duration) {
        return require(setting, duration, 0, " (0 for none)");
    }

    /** Returns {@code value} if it is from {@code min} to {@code max}. */
    public static int requireBetween(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSettingException(setting, "must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private static Duration require(String setting, Duration duration, long minMillis, String zero) {
        Objects.requireNonNull(duration, setting);
        // Below one millisecond a positive duration would reach a socket as 0, which waits for ever.
        if (duration.compareTo(Duration.ofMillis(minMillis)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidSettingException(setting, "must be from " + minMillis + " to " + MAX_DURATION.toMillis()
                    + " milliseconds (about 24.8 days)" + zero + ", not " + describe(duration));
        }
        return duration;
    }

    /** In milliseconds where that is exact and fits, else in ISO-8601. */
    private static String describe(Duration duration) {
        try {
            if (duration.toNanos() % 1_000_000 == 0) {
                return duration.toMillis() + " ms";
            }
        } catch (ArithmeticException e) {
            // Longer than a long of nanoseconds (about 292 years): ISO-8601 says it without overflowing.
        }
        return duration.toString();
    }
}
