package io.github.ftp3p.camel;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The ftp3p component: server-to-server FTP transfers. Its configuration is the default of every endpoint. */
@Component("ftp3p")
public class Ftp3pComponent extends DefaultComponent {

    @Metadata
    private Ftp3pConfiguration configuration = new Ftp3pConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Ftp3pEndpoint endpoint = new Ftp3pEndpoint(uri, this, configuration.copy());
        endpoint.setOperation(remaining);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return StrictDurationConfigurer.around(super.getComponentPropertyConfigurer());
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return StrictDurationConfigurer.around(super.getEndpointPropertyConfigurer());
    }

    public Ftp3pConfiguration getConfiguration() {
        return configuration;
    }

    /** The defaults of every endpoint's options. */
    public void setConfiguration(Ftp3pConfiguration configuration) {
        this.configuration = configuration;
    }
}
