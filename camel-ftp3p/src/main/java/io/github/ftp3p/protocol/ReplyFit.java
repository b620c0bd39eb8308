package io.github.ftp3p.protocol;

import java.util.Map;
import java.util.Set;

/**
 * Whether a reply can be the answer to the command it was read for. RFC 959 section 4.2 has a server answer
 * commands in turn, so pipelined commands are matched to their replies by position alone; a server that
 * answers out of turn (pyftpdlib 1.5.7 answers PORT and RETR written together with {@code 150}, then
 * {@code 200}) would have every later reply read for the wrong command. Each reply is therefore checked
 * against what its command can get (RFC 959 section 5.4, RFC 2428, RFC 3659):
 * <ul>
 * <li>a preliminary 1yz only to a command that opens a data connection;</li>
 * <li>an intermediate 3yz only to a command that waits for another (USER, PASS, RNFR, REST, ...);</li>
 * <li>the 2yz codes that carry an answer only to their command: 227 to PASV (and CPSV), 229 to EPSV, 213 to
 * SIZE and MDTM, 200 to PORT and EPRT, and a transfer's 225, 226 or 250; no 2yz to RNFR or REST;</li>
 * <li>any 4yz or 5yz, which any command may get.</li>
 * </ul>
 * Pure and stateless.
 */
public final class ReplyFit {

    private static final Set<String> DATA_VERBS = Set.of("RETR", "STOR", "STOU", "APPE", "LIST", "NLST", "MLSD");
    private static final Set<String> INTERMEDIATE_VERBS = Set.of("USER", "PASS", "ACCT", "RNFR", "REST", "AUTH", "ADAT");
    /** 2yz codes that answer one kind of command only. */
    private static final Set<Integer> ANSWER_CODES = Set.of(227, 229);
    private static final Map<String, Set<Integer>> POSITIVE = Map.of(
            "PASV", Set.of(227), "CPSV", Set.of(227), "EPSV", Set.of(229),
            "SIZE", Set.of(213), "MDTM", Set.of(213),
            "PORT", Set.of(200), "EPRT", Set.of(200),
            // RNFR and REST are answered 350 when they succeed (RFC 959 section 5.4), never 2yz.
            "RNFR", Set.of(), "REST", Set.of());
    private static final Set<Integer> TRANSFER_ENDS = Set.of(225, 226, 250);

    private ReplyFit() {
    }

    /** Whether {@code reply} can answer {@code command}. */
    public static boolean fits(FtpCommand command, FtpReply reply) {
        String verb = command.verb();
        if (reply.isNegative()) {
            return true;
        }
        if (reply.isPreliminary()) {
            return DATA_VERBS.contains(verb);
        }
        if (reply.isIntermediate()) {
            return INTERMEDIATE_VERBS.contains(verb);
        }
        if (DATA_VERBS.contains(verb)) {
            return TRANSFER_ENDS.contains(reply.code());
        }
        Set<Integer> expected = POSITIVE.get(verb);
        return expected != null ? expected.contains(reply.code()) : !ANSWER_CODES.contains(reply.code());
    }
}
