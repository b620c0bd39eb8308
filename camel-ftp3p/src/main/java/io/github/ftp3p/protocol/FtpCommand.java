package io.github.ftp3p.protocol;

import java.util.Objects;

/**
 * One command as it goes on the wire: {@link #line()} is exactly what is sent (without CRLF).
 * {@link #toString()} masks the argument of PASS and ACCT (an account is a credential too, RFC 959 section 4.1.1),
 * so a command can be logged or put in an error as is.
 */
public record FtpCommand(String verb, String argument) {

    public FtpCommand {
        Objects.requireNonNull(verb, "verb");
        if (argument != null) {
            Arguments.requireSafe("argument of " + verb, argument);
        }
    }

    public static FtpCommand of(String verb) {
        return new FtpCommand(verb, null);
    }

    public static FtpCommand of(String verb, String argument) {
        return new FtpCommand(verb, Objects.requireNonNull(argument, "argument"));
    }

    /** The command line to send, without the terminating CRLF. */
    public String line() {
        return argument == null ? verb : verb + ' ' + argument;
    }

    @Override
    public String toString() {
        return "PASS".equals(verb) || "ACCT".equals(verb) ? verb + " ****" : line();
    }
}
