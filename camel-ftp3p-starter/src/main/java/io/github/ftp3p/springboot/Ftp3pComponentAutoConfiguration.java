package io.github.ftp3p.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ftp3p.camel.Ftp3pComponent;
import io.github.ftp3p.camel.Ftp3pComponentConfigurer;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Applies {@code camel.component.ftp3p.*} from the Spring environment to the ftp3p component.
 * <p>
 * Camel Spring Boot binds {@code camel.component.<name>.*} only for components with a starter; without one the
 * keys are silently ignored. This starter binds them with Camel's own property binding, through the
 * component's generated configurer, so keys and values mean what they mean on Camel Main and Camel Quarkus
 * (kebab-case or camelCase, durations such as {@code 20s}). An unknown key fails the startup at once, with
 * Spring Boot's failure report naming it ({@link UnknownFtp3pOptionFailureAnalyzer}), rather than later, when
 * Camel first creates the component.
 */
@AutoConfiguration
public class Ftp3pComponentAutoConfiguration {

    static final String PREFIX = "camel.component.ftp3p";

    @Bean
    public ComponentCustomizer ftp3pComponentCustomizer(Environment environment) {
        Map<String, Object> options = new LinkedHashMap<>();
        PropertyConfigurerGetter known = new Ftp3pComponentConfigurer();
        Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .ifBound(values -> values.forEach((key, value) -> {
                    String option = StringHelper.dashToCamelCase(key);
                    if (known.getOptionType(option, true) == null) {
                        throw new UnknownFtp3pOptionException(PREFIX + "." + key);
                    }
                    options.put(option, value);
                }));
        return ComponentCustomizer.forType(Ftp3pComponent.class, component -> PropertyBindingSupport.build()
                .withCamelContext(component.getCamelContext())
                .withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer())
                .withProperties(new LinkedHashMap<>(options))
                .withIgnoreCase(true)
                .withMandatory(true)
                .bind());
    }
}
