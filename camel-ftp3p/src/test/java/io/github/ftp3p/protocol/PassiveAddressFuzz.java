package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.function.Consumer;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the parsers of {@link PassiveAddress}: the 227 reply (RFC 959 section 4.1.2), the 229 reply and the
 * EPRT argument (RFC 2428 sections 2 and 3). Any text gives a valid address or port or a
 * {@link ReplyFormatException} quoting it, and whatever the active side writes parses back to itself.
 */
class PassiveAddressFuzz {

    private static final String PASV_CHARS = "0123456789,() .-";
    private static final String EPSV_CHARS = "0123456789|!(). ";
    private static final String EPRT_CHARS = "0123456789abcdefABCDEF|!:.%12 ";

    @Property
    void anyTextGivesA227AddressOrAFormatErrorQuotingIt(@ForAll("text227") String text) {
        Statistics.label("outcome").collect(outcome(text, PassiveAddress::parse227, a -> {
            assertThat(a.address()).isInstanceOf(Inet4Address.class);
            assertThat(a.port()).isBetween(1, 65535);
        }));
    }

    @Property
    void every227ParsesBackToItsAddressAndPort(@ForAll("ipv4") InetAddress address,
            @ForAll @IntRange(min = 1, max = 65535) int port) {
        PassiveAddress a = new PassiveAddress(address, port);

        assertThat(PassiveAddress.parse227("227 Entering Passive Mode (" + a.portArgument() + ")")).isEqualTo(a);
    }

    @Property
    void a227NumberOfMoreThanThreeDigitsIsRefusedNotCut(@ForAll("ipv4") InetAddress address,
            @ForAll @IntRange(min = 1, max = 65535) int port, @ForAll @IntRange(min = 0, max = 5) int which,
            @ForAll("extraDigits") String extra, @ForAll boolean before) {
        String[] numbers = new PassiveAddress(address, port).portArgument().split(",");
        numbers[which] = before ? extra + numbers[which] : numbers[which] + extra;
        String reply = "227 Entering Passive Mode (" + String.join(",", numbers) + ")";

        assertThatThrownBy(() -> PassiveAddress.parse227(reply)).isInstanceOf(ReplyFormatException.class)
                .hasMessageContaining(reply);
    }

    @Property
    void anyTextGivesA229PortOrAFormatErrorQuotingIt(@ForAll("text229") String text) {
        Statistics.label("outcome").collect(outcome(text, PassiveAddress::parse229Port,
                port -> assertThat(port).isBetween(1, 65535)));
    }

    @Property
    void every229ParsesBackToItsPortWhateverItsDelimiter(@ForAll @IntRange(min = 1, max = 65535) int port,
            @ForAll("delimiters229") char d) {
        String reply = "229 Entering Extended Passive Mode (" + d + d + d + port + d + ")";

        assertThat(PassiveAddress.parse229Port(reply)).isEqualTo(port);
    }

    @Property
    void anyTextGivesAnEprtAddressOrAFormatErrorQuotingIt(@ForAll("textEprt") String text) {
        Statistics.label("outcome").collect(outcome(text, PassiveAddress::parseEprtArgument, a -> {
            assertThat(a.port()).isBetween(1, 65535);
            assertThat(a.address().getAddress().length).isIn(4, 16);
        }));
    }

    @Property
    void everyEprtArgumentParsesBackToItsAddressAndPort(@ForAll("addresses") InetAddress address,
            @ForAll @IntRange(min = 1, max = 65535) int port) {
        PassiveAddress a = new PassiveAddress(address, port);

        assertThat(PassiveAddress.parseEprtArgument(a.eprtArgument())).isEqualTo(a);
    }

    @Property
    void everyEprtArgumentParsesBackWhateverDelimiterItsFieldsDoNotContain(@ForAll("addresses") InetAddress address,
            @ForAll @IntRange(min = 1, max = 65535) int port, @ForAll("printable") char d) {
        PassiveAddress a = new PassiveAddress(address, port);
        String argument = a.eprtArgument().replace('|', d);
        boolean unambiguous = argument.chars().filter(c -> c == d).count() == 4;
        Statistics.label("delimiter").collect(unambiguous ? "not in the fields" : "in the fields");

        if (unambiguous) {
            assertThat(PassiveAddress.parseEprtArgument(argument)).isEqualTo(a);
        } else {
            assertThatThrownBy(() -> PassiveAddress.parseEprtArgument(argument))
                    .isInstanceOf(ReplyFormatException.class).hasMessageContaining(argument);
        }
    }

    /** Parses, and names the outcome; fails on any error but a ReplyFormatException quoting the text. */
    private static <T> String outcome(String text, Function<String, T> parser, Consumer<T> valid) {
        T result;
        try {
            result = parser.apply(text);
        } catch (ReplyFormatException e) {
            assertThat(e.getMessage()).contains(text);
            return "ReplyFormatException";
        }
        valid.accept(result);
        return "parsed";
    }

    @Provide
    Arbitrary<String> text227() {
        Arbitrary<String> valid = Combinators.combine(ipv4(), Arbitraries.integers().between(1, 65535))
                .as((a, p) -> "227 Entering Passive Mode (" + new PassiveAddress(a, p).portArgument() + ").");
        return Arbitraries.frequencyOf(
                Tuple.of(1, FuzzInputs.anyText(100)),
                Tuple.of(2, FuzzInputs.textOf(PASV_CHARS, 40)),
                Tuple.of(4, FuzzInputs.mutated(valid, PASV_CHARS)));
    }

    @Provide
    Arbitrary<String> text229() {
        Arbitrary<String> valid = Combinators.combine(Arbitraries.integers().between(1, 65535), delimiters229())
                .as((p, d) -> "229 Entering Extended Passive Mode (" + d + d + d + p + d + ")");
        return Arbitraries.frequencyOf(
                Tuple.of(1, FuzzInputs.anyText(100)),
                Tuple.of(2, FuzzInputs.textOf(EPSV_CHARS, 40)),
                Tuple.of(4, FuzzInputs.mutated(valid, EPSV_CHARS)));
    }

    @Provide
    Arbitrary<String> textEprt() {
        Arbitrary<String> valid = Combinators.combine(addresses(), Arbitraries.integers().between(1, 65535))
                .as((a, p) -> new PassiveAddress(a, p).eprtArgument());
        return Arbitraries.frequencyOf(
                Tuple.of(1, FuzzInputs.anyText(100)),
                Tuple.of(2, FuzzInputs.textOf(EPRT_CHARS, 50)),
                Tuple.of(6, FuzzInputs.mutated(valid, EPRT_CHARS)));
    }

    /** Enough digits to make any of the six numbers four digits or more. */
    @Provide
    Arbitrary<String> extraDigits() {
        return Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(5);
    }

    /** RFC 2428 allows any of 33-126; digits and parentheses would be ambiguous in (|||port|). */
    @Provide
    Arbitrary<Character> delimiters229() {
        return printable().filter(c -> !Character.isDigit(c) && c != '(' && c != ')');
    }

    @Provide
    Arbitrary<Character> printable() {
        return Arbitraries.chars().range('!', '~');
    }

    @Provide
    Arbitrary<InetAddress> ipv4() {
        return FuzzInputs.ipv4();
    }

    /** With IPv6 scopes too, which EPRT leaves out (RFC 2428 has no field for them). */
    @Provide
    Arbitrary<InetAddress> addresses() {
        return FuzzInputs.addressesWithScopes();
    }
}
