package io.github.ftp3p.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.GeneratedPropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;

/**
 * A configurer the Camel tooling generated (the component's or the endpoint's), with the text of the duration
 * options read strictly first ({@link DurationText}), whether it comes from an endpoint URI or from properties
 * ({@code camel.component.ftp3p.stall-timeout=abc}).
 */
final class StrictDurationConfigurer implements GeneratedPropertyConfigurer, PropertyConfigurerGetter {

    private final PropertyConfigurer configurer;
    private final PropertyConfigurerGetter getter;

    private StrictDurationConfigurer(PropertyConfigurer generated) {
        this.configurer = generated;
        this.getter = (PropertyConfigurerGetter) generated;
    }

    /** @param generated a configurer the Camel tooling generated, which is also its getter; null before the build */
    static PropertyConfigurer around(PropertyConfigurer generated) {
        return generated == null ? null : new StrictDurationConfigurer(generated);
    }

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        return configurer.configure(camelContext, target, name, DurationText.normalise(name, value), ignoreCase);
    }

    @Override
    public Class<?> getOptionType(String name, boolean ignoreCase) {
        return getter.getOptionType(name, ignoreCase);
    }

    @Override
    public String[] getAutowiredNames() {
        return getter.getAutowiredNames();
    }

    @Override
    public Object getCollectionValueType(Object target, String name, boolean ignoreCase) {
        return getter.getCollectionValueType(target, name, ignoreCase);
    }

    @Override
    public Object getOptionValue(Object target, String name, boolean ignoreCase) {
        return getter.getOptionValue(target, name, ignoreCase);
    }
}
