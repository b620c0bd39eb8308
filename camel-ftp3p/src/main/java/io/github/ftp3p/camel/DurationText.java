package io.github.ftp3p.camel;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.spi.UriParam;

/**
 * Reads the text of the duration options strictly, before Camel converts it. Camel's conversion
 * ({@code DurationConverter} through {@code TimeUtils.toMilliSeconds}) skips what it does not recognise:
 * {@code abc}, {@code 1x} and {@code -5s} all become 0, and 0 switches stall detection and the transfer timeout
 * off. Accepted: a whole number of milliseconds ({@code 60000}), units d, h, m, s and ms in that order, each at
 * most once ({@code 1m30s}, {@code 500ms}), or ISO-8601 ({@code PT1M30S}). The option's range is checked later,
 * by the core's settings.
 */
final class DurationText {

    private static final Pattern MILLIS = Pattern.compile("-?\\d+");
    private static final Pattern UNITS =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final Duration[] UNIT = { Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1),
            Duration.ofSeconds(1), Duration.ofMillis(1) };

    /** The options declared as durations, lower case (Camel matches option names ignoring case). */
    private static final Set<String> OPTIONS = Arrays.stream(Ftp3pConfiguration.class.getDeclaredFields())
            .filter(f -> f.isAnnotationPresent(UriParam.class))
            .filter(f -> Duration.class.getName().equals(f.getAnnotation(UriParam.class).javaType()))
            .map(Field::getName).map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private DurationText() {
    }

    /**
     * The exact number of milliseconds, as text, for the text of a duration option; any other value as it is.
     *
     * @throws IllegalArgumentException naming the option, for text that is not a duration
     */
    static Object normalise(String option, Object value) {
        // #name refers to a bean in the registry, which Camel looks up; its value is range-checked like any other.
        if (value instanceof String text && !text.startsWith("#") && OPTIONS.contains(option.toLowerCase(Locale.ROOT))) {
            return Long.toString(millis(option, text));
        }
        return value;
    }

    private static long millis(String option, String text) {
        try {
            if (MILLIS.matcher(text).matches()) {
                return Long.parseLong(text);
            }
            if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P") || text.startsWith("-p")) {
                return wholeMillis(option, text, Duration.parse(text));
            }
            Matcher units = UNITS.matcher(text);
            if (!text.isEmpty() && units.matches()) {
                Duration total = Duration.ZERO;
                for (int i = 0; i < UNIT.length; i++) {
                    if (units.group(i + 1) != null) {
                        total = total.plus(UNIT[i].multipliedBy(Long.parseLong(units.group(i + 1))));
                    }
                }
                return total.toMillis();
            }
        } catch (DateTimeParseException e) {
            // Not ISO-8601 after all: refused below like any other text.
        } catch (ArithmeticException | NumberFormatException e) {
            // The message says it all: the parser's own exception would only hide it as the root cause.
            throw new IllegalArgumentException("Option '" + option + "': '" + text + "' is too long a duration");
        }
        throw new IllegalArgumentException("Option '" + option + "': '" + text + "' is not a duration: write a number "
                + "of milliseconds (60000), units d, h, m, s, ms in that order (1m30s, 500ms) or ISO-8601 (PT1M30S)");
    }

    /** Below the millisecond, a duration would be cut to the options' unit: PT0.0001S would become 0, "never". */
    private static long wholeMillis(String option, String text, Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("Option '" + option + "': '" + text + "' is not a whole number of "
                    + "milliseconds");
        }
        return duration.toMillis();
    }
}
