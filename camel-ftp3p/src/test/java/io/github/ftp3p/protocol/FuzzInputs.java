package io.github.ftp3p.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the fuzzers. Text: wholly random strings find few paths past a parser's first check, so each fuzzer
 * also feeds the parser its own well-formed input with a few random edits, and strings drawn from the
 * characters its grammar is made of.
 */
final class FuzzInputs {

    /** Characters that trip parsers: digits of other scripts, surrogates, controls, a BOM, a NUL. */
    static final String AWKWARD = "\u0000\t\r\n\u000b\u00a0\u0663\u0966\uff11\ud835\udfd8\ud800\udc00\ufeff\uffff";

    private FuzzInputs() {
    }

    /** Any characters at all. */
    static Arbitrary<String> anyText(int maxLength) {
        return Arbitraries.strings().all().ofMaxLength(maxLength);
    }

    /** Strings of the given characters and the awkward ones. */
    static Arbitrary<String> textOf(String alphabet, int maxLength) {
        return Arbitraries.strings().withChars(alphabet + AWKWARD).ofMaxLength(maxLength);
    }

    /** The given input with up to four random edits, each a character inserted, replaced or deleted, or the
     * text cut short or repeated from some point. */
    static Arbitrary<String> mutated(Arbitrary<String> valid, String alphabet) {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.oneOf(Arbitraries.chars().with(alphabet + AWKWARD), Arbitraries.chars().all()))
                .as(Edit::new);
        return Combinators.combine(valid, edit.list().ofMaxSize(4)).as(FuzzInputs::apply);
    }

    static Arbitrary<InetAddress> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).map(FuzzInputs::byAddress);
    }

    /**
     * IPv4 and IPv6 addresses, IPv6 often with runs of zeros (so written with ::), IPv4-mapped ones coming
     * back as IPv4 as InetAddress makes them.
     */
    static Arbitrary<InetAddress> addresses() {
        return Arbitraries.oneOf(ipv4(), Arbitraries.bytes().array(byte[].class).ofSize(16).map(FuzzInputs::byAddress),
                sparseV6().map(FuzzInputs::byAddress));
    }

    /** {@link #addresses()}, and IPv6 addresses with a scope. */
    static Arbitrary<InetAddress> addressesWithScopes() {
        return Arbitraries.oneOf(addresses(), sparseV6().map(FuzzInputs::scoped));
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Arbitrary<byte[]> sparseV6() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16),
                Arbitraries.integers().between(0, 16), Arbitraries.integers().between(0, 16)).as((b, from, to) -> {
                    byte[] copy = b.clone();
                    Arrays.fill(copy, Math.min(from, to), Math.max(from, to), (byte) 0);
                    return copy;
                });
    }

    private static InetAddress scoped(byte[] bytes) {
        InetAddress plain = byAddress(bytes);
        if (plain instanceof Inet4Address) {
            return plain;
        }
        try {
            return Inet6Address.getByAddress(null, bytes, 7);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String apply(String text, List<Edit> edits) {
        StringBuilder s = new StringBuilder(text);
        for (Edit e : edits) {
            int at = e.position % (s.length() + 1);
            switch (e.kind) {
                case 0 -> s.insert(at, e.c);
                case 1 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, e.c);
                    }
                }
                case 2 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 3 -> s.setLength(at);
                case 4 -> s.insert(at, s.substring(at));
                default -> s.insert(at, String.valueOf(e.c).repeat(1 + e.position % 5));
            }
        }
        return s.toString();
    }

    private record Edit(int kind, int position, char c) {
    }
}
