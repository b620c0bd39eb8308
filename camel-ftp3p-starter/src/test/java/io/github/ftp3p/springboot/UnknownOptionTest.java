package io.github.ftp3p.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** A mistyped camel.component.ftp3p.* key fails the startup, and Spring Boot's report names it first. */
@ExtendWith(OutputCaptureExtension.class)
class UnknownOptionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Ftp3pComponentAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(Ftp3pComponentAutoConfiguration.class)
    static class Application {
    }

    @Test
    void aMistypedKeyFailsTheContextNamingTheKeyAsWritten() {
        runner.withPropertyValues("camel.component.ftp3p.max-conections=2").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(UnknownFtp3pOptionException.class)
                    .hasMessage("Unknown option camel.component.ftp3p.max-conections: the ftp3p component has no "
                            + "option of that name");
        });
    }

    @Test
    void knownKeysInKebabOrCamelCaseStartTheContext() {
        runner.withPropertyValues("camel.component.ftp3p.max-connections=2", "camel.component.ftp3p.replyTimeout=20s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theStartupReportLeadsWithTheMistypedKeyAndWhatToDo(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties("camel.component.ftp3p.reply-timout=20s")
                .run()).hasRootCauseInstanceOf(UnknownFtp3pOptionException.class);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Unknown option camel.component.ftp3p.reply-timout: the ftp3p component has no option of that name.")
                .contains("Correct or remove camel.component.ftp3p.reply-timout.");
    }
}
