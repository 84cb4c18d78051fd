package io.selfheal.app;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Selfheal's beans for runtimes that start Camel themselves, such as Camel JBang ({@code camel run}): named by
 * {@code camel.main.configuration-classes=io.selfheal.app.SelfhealConfiguration}, it starts the database and binds
 * the beans like the service's own bootstrap, and closes them after Camel stopped.
 */
public final class SelfhealConfiguration implements CamelConfiguration {

    private static final String DEFAULTS = "application.properties";

    @Override
    public void configure(CamelContext camel) throws Exception {
        useSelfhealDefaults(camel.getPropertiesComponent());
        SelfhealBootstrap bootstrap = new SelfhealBootstrap();
        bootstrap.bind(camel);
        // Once Camel has stopped everything, Quartz's clustered job store included: a service added here would be
        // stopped before the components, closing the pool under Quartz's feet (and a 25 s forced stop).
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                bootstrap.afterStop(null);
            }
        });
    }

    /**
     * Such a runtime reads its own properties file, not the jar's: every {@code selfheal.*} default the user's file
     * does not set comes from the jar's {@code application.properties}, as when the service runs.
     */
    private static void useSelfhealDefaults(PropertiesComponent properties) throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = SelfhealConfiguration.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the Selfheal jar");
            }
            defaults.load(in);
        }
        for (String key : defaults.stringPropertyNames()) {
            if (key.startsWith("selfheal.") && properties.resolveProperty(key).isEmpty()) {
                properties.addInitialProperty(key, defaults.getProperty(key).trim());
            }
        }
    }
}
