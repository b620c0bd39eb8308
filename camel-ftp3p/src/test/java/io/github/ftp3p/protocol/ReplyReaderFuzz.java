package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes {@link ReplyReader}: whatever a server sends, a reply or one of the three errors it declares, within
 * its limits of lines, line length and time (RFC 959 section 4.2 for the form of a reply).
 */
class ReplyReaderFuzz {

    private static final Duration A_MINUTE = Duration.ofMinutes(1);
    private static final String REPLY_CHARS = "0123456789 -\r\nabc";

    @Property
    void anyInputGivesAReplyOrATypedError(@ForAll("replyLikeInput") String input) throws IOException {
        Statistics.label("outcome").collect(outcome(new StringReader(input), A_MINUTE));
    }

    @Property
    void anEndlessStreamEndsInAReplyOrATypedErrorAfterABoundedRead(@ForAll("endlessPattern") String pattern)
            throws IOException {
        EndlessReader in = new EndlessReader(pattern);

        Statistics.label("outcome").collect(outcome(in, A_MINUTE));

        assertThat(in.read).isLessThanOrEqualTo((long) ReplyReader.MAX_LINES * (ReplyReader.MAX_LINE + 1));
    }

    @Property
    void anAcceptedReplyCodeIsItsFirstThreeAsciiDigits(@ForAll("replyLikeInput") String input) throws IOException {
        FtpReply reply;
        try {
            reply = ReplyReader.read(new StringReader(input), A_MINUTE);
        } catch (ReplyFormatException | EOFException | SocketTimeoutException refused) {
            return;
        }
        String first = reply.lines().get(0);
        assertThat(first).matches("(?s)[1-5][0-9][0-9]([ -].*)?");
        assertThat(reply.code()).isEqualTo(Integer.parseInt(first.substring(0, 3)));
    }

    @Property
    void wellFormedRepliesReadBackToTheirCodeAndLinesOneAfterTheOther(@ForAll("replies") Reply first,
            @ForAll("replies") Reply second) throws IOException {
        Reader in = new StringReader(first.wire() + second.wire());

        FtpReply one = ReplyReader.read(in, A_MINUTE);
        FtpReply two = ReplyReader.read(in, A_MINUTE);

        assertThat(one.code()).isEqualTo(first.code);
        assertThat(one.lines()).isEqualTo(first.lines);
        assertThat(two.code()).isEqualTo(second.code);
        assertThat(two.lines()).isEqualTo(second.lines);
        assertThat(in.read()).as("nothing past the two replies was read or left").isEqualTo(-1);
    }

    @Property
    void aLineIsReadExactlyWhenItFitsTheLimit(@ForAll @IntRange(min = 0, max = ReplyReader.MAX_LINE + 10) int length,
            @ForAll("textChar") char c, @ForAll boolean crlf) throws IOException {
        String line = "200 " + String.valueOf(c).repeat(length);
        String wire = line + (crlf ? "\r\n" : "\n");
        // The limit counts what comes before the LF, so a CR too.
        boolean fits = line.length() + (crlf ? 1 : 0) <= ReplyReader.MAX_LINE;

        if (fits) {
            assertThat(read(wire).lines()).containsExactly(line);
        } else {
            assertThatThrownBy(() -> read(wire)).isInstanceOf(ReplyFormatException.class)
                    .hasMessageContaining("longer than " + ReplyReader.MAX_LINE);
        }
    }

    @Property
    void aReplyIsReadExactlyWhenItFitsTheLimitOfLines(
            @ForAll @IntRange(min = 1, max = ReplyReader.MAX_LINES + 10) int count, @ForAll("textChar") char c)
            throws IOException {
        StringBuilder wire = new StringBuilder(count == 1 ? "" : "211-first\r\n");
        for (int i = 2; i < count; i++) {
            wire.append(' ').append(c).append("\r\n");
        }
        wire.append("211 end\r\n");

        if (count <= ReplyReader.MAX_LINES) {
            assertThat(read(wire.toString()).lines()).hasSize(count);
        } else {
            assertThatThrownBy(() -> read(wire.toString())).isInstanceOf(ReplyFormatException.class)
                    .hasMessageContaining("longer than " + ReplyReader.MAX_LINES + " lines");
        }
    }

    @Property
    void aReplyTricklingInSlowerThanItsDeadlineTimesOut(@ForAll("replies") Reply reply) {
        Reader slow = new SlowReader(new StringReader(reply.wire()), Duration.ofNanos(2_000));

        assertThatThrownBy(() -> ReplyReader.read(slow, Duration.ofNanos(1_000)))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Property
    void aLongDeadlineNeverCutsAReplyShort(@ForAll("longTimeouts") Duration timeout, @ForAll("replies") Reply reply)
            throws IOException {
        assertThat(ReplyReader.read(new StringReader(reply.wire()), timeout).lines()).isEqualTo(reply.lines);
    }

    /** Reads, and names the outcome; fails on any error other than the three that read declares. */
    private static String outcome(Reader in, Duration timeout) throws IOException {
        try {
            FtpReply reply = ReplyReader.read(in, timeout);
            assertThat(reply.lines()).isNotEmpty();
            assertThat(reply.code()).isBetween(100, 599);
            return "reply";
        } catch (ReplyFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return "ReplyFormatException";
        } catch (EOFException e) {
            return "EOFException";
        } catch (SocketTimeoutException e) {
            return "SocketTimeoutException";
        }
    }

    private static FtpReply read(String wire) throws IOException {
        return ReplyReader.read(new StringReader(wire), A_MINUTE);
    }

    @Provide
    Arbitrary<String> replyLikeInput() {
        Arbitrary<String> valid = replies().map(Reply::wire);
        return Arbitraries.frequencyOf(
                Tuple.of(1, FuzzInputs.anyText(200)),
                Tuple.of(2, FuzzInputs.textOf(REPLY_CHARS, 60)),
                Tuple.of(4, FuzzInputs.mutated(valid, REPLY_CHARS)),
                Tuple.of(1, Combinators.combine(valid, valid).as(String::concat)),
                Tuple.of(1, Combinators.combine(codeLike(), valid).as((code, reply) -> code + reply.substring(3))));
    }

    /** Three characters that may look like a reply code: ASCII digits, digits of other scripts, signs. */
    private static Arbitrary<String> codeLike() {
        return Arbitraries.strings().withChars("0123456789+-\u0663\u0966\uff11\u00b2").ofLength(3);
    }

    @Provide
    Arbitrary<String> endlessPattern() {
        return replyLikeInput().filter(s -> !s.isEmpty());
    }

    @Provide
    Arbitrary<Reply> replies() {
        Arbitrary<Integer> codes = Arbitraries.integers().between(100, 599);
        Arbitrary<List<String>> middles = shortText().list().ofMaxSize(6);
        Arbitrary<String> ending = Arbitraries.of("\r\n", "\n");
        return Combinators.combine(codes, shortText(), middles, shortText(), ending, Arbitraries.of(true, false))
                .as(Reply::of);
    }

    @Provide
    Arbitrary<String> shortText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().excludeChars('\r', '\n').ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789 -" + FuzzInputs.AWKWARD).excludeChars('\r', '\n')
                        .ofMaxLength(8));
    }

    @Provide
    Arbitrary<Character> textChar() {
        return Arbitraries.chars().all().filter(c -> c != '\r' && c != '\n');
    }

    @Provide
    Arbitrary<Duration> longTimeouts() {
        return Combinators.combine(Arbitraries.longs().between(3600, Long.MAX_VALUE),
                Arbitraries.integers().between(0, 999_999_999)).as(Duration::ofSeconds);
    }

    /** A reply as a server would send it, and the lines it must read back as. */
    record Reply(int code, List<String> lines, String ending) {

        static Reply of(int code, String first, List<String> middle, String last, String ending, boolean multi) {
            if (!multi) {
                return new Reply(code, List.of(code + " " + first), ending);
            }
            List<String> lines = new ArrayList<>();
            lines.add(code + "-" + first);
            for (String line : middle) {
                // RFC 959 4.2: a line of a multi-line reply that starts with the code and a space ends it.
                boolean ends = line.startsWith(code + " ") || line.equals(String.valueOf(code));
                lines.add(ends ? " " + line : line);
            }
            lines.add(code + " " + last);
            return new Reply(code, lines, ending);
        }

        String wire() {
            return String.join(ending, lines) + ending;
        }

        @Override
        public String toString() {
            return wire();
        }
    }

    /** Repeats a pattern forever, counting what was read. */
    private static final class EndlessReader extends Reader {

        private final String pattern;
        private long read;

        EndlessReader(String pattern) {
            this.pattern = pattern;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = pattern.charAt((int) (read++ % pattern.length()));
            }
            return length;
        }

        @Override
        public void close() {
        }
    }

    /** Hands over one character at a time, each after a wait. */
    private static final class SlowReader extends Reader {

        private final Reader in;
        private final long waitNanos;

        SlowReader(Reader in, Duration wait) {
            this.in = in;
            this.waitNanos = wait.toNanos();
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            long until = System.nanoTime() + waitNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return length == 0 ? 0 : in.read(buffer, offset, 1);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
