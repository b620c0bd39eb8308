package io.github.ftp3p.springboot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts a mistyped {@code camel.component.ftp3p.*} key at the top of Spring Boot's "APPLICATION FAILED TO START"
 * report, instead of at the end of a chain of bean-creation exceptions.
 */
public class UnknownFtp3pOptionFailureAnalyzer extends AbstractFailureAnalyzer<UnknownFtp3pOptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownFtp3pOptionException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Correct or remove " + cause.key() + ". The options are the component options of the ftp3p page "
                        + "(docs/ftp3p-component.adoc), in kebab-case or camelCase; IDEs complete them from the "
                        + "starter's configuration metadata.",
                cause);
    }
}
