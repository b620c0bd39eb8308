package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;

import io.github.ftp3p.protocol.DataNetworks.Cidr;
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
 * Fuzzes {@link Cidr}, the blocks of allowedDataNetworks: any text gives a block or an
 * IllegalArgumentException, never a name lookup, and a block holds exactly the addresses that share its
 * leading bits.
 */
class DataNetworksFuzz {

    private static final String CIDR_CHARS = "0123456789abcdefABCDEF:./% -+xg";
    private static final String DOTTED_QUAD = "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    @Property
    void anyTextGivesABlockOrAnIllegalArgument(@ForAll("cidrLike") String text) {
        String outcome;
        try {
            Cidr cidr = Cidr.parse(text);
            assertThat(cidr.prefix()).isBetween(0, cidr.network().getAddress().length * 8);
            outcome = "parsed";
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            outcome = "IllegalArgumentException";
        }
        Statistics.label("outcome").collect(outcome);
    }

    @Property
    void aNameIsRefusedWithoutALookup(@ForAll("names") String host, @ForAll("suffixes") String suffix) {
        // Refused by the check of the text: a refusal by InetAddress would have an UnknownHostException as cause.
        assertThatThrownBy(() -> Cidr.parse(host + suffix)).isInstanceOf(IllegalArgumentException.class).hasNoCause();
    }

    @Property
    void anAddressIsInItsOwnFullLengthBlock(@ForAll("addresses") InetAddress address) {
        String host = address.getHostAddress();
        int bits = address.getAddress().length * 8;

        assertThat(Cidr.parse(host + "/" + bits).contains(address)).isTrue();
        assertThat(Cidr.parse(host)).isEqualTo(new Cidr(address, bits));
    }

    @Property
    void anAddressIsInTheWholeOfItsFamilyAndNotOfTheOther(@ForAll("addresses") InetAddress address) {
        boolean v4 = address instanceof Inet4Address;

        assertThat(Cidr.parse("0.0.0.0/0").contains(address)).isEqualTo(v4);
        assertThat(Cidr.parse("::/0").contains(address)).isEqualTo(!v4);
    }

    @Property
    void aBlockHoldsAnAddressExactlyWhenTheyShareItsLeadingBits(@ForAll("addresses") InetAddress network,
            @ForAll @IntRange(min = 0, max = 128) int prefix, @ForAll @IntRange(min = 0, max = 127) int flipped) {
        byte[] bytes = network.getAddress();
        int bits = bytes.length * 8;
        int p = prefix % (bits + 1);
        int bit = flipped % bits;
        bytes[bit / 8] ^= (byte) (0x80 >> (bit % 8));
        InetAddress other = FuzzInputs.byAddress(bytes);
        Cidr block = Cidr.parse(network.getHostAddress() + "/" + p);

        assertThat(block.contains(network)).isTrue();
        // IPv4-mapped IPv6 addresses come back as IPv4, of the other family: never inside.
        assertThat(block.contains(other)).isEqualTo(other.getClass() == network.getClass() && bit >= p);
    }

    @Provide
    Arbitrary<String> cidrLike() {
        Arbitrary<String> valid = Combinators.combine(addresses(), Arbitraries.integers().between(0, 128))
                .as((a, p) -> a.getHostAddress() + "/" + p % (a.getAddress().length * 8 + 1));
        return Arbitraries.frequencyOf(
                Tuple.of(1, FuzzInputs.anyText(60)),
                Tuple.of(2, FuzzInputs.textOf(CIDR_CHARS, 40).filter(DataNetworksFuzz::noName)),
                Tuple.of(4, FuzzInputs.mutated(valid, CIDR_CHARS).filter(DataNetworksFuzz::noName)));
    }

    /** Text that, were the check before InetAddress missing, it would take for a host name to look up. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF.").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.matches(DOTTED_QUAD));
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of("", "/0", "/8", "/32", "/x");
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        return FuzzInputs.addresses();
    }

    /**
     * Keeps out of the general fuzzing text that InetAddress would take for a host name: a lookup there would
     * only be slow; {@link #aNameIsRefusedWithoutALookup} checks that none happens.
     */
    private static boolean noName(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        return host.contains(":") || host.matches(DOTTED_QUAD) || !host.matches("[0-9a-fA-F:.]+");
    }
}
