package io.selfheal.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;

/**
 * camel-test-junit5 for Selfheal's real route files: a test {@link #load}s files of src/main/resources/routes (or
 * any other route file), binds the beans they call, advises them ({@code AdviceWith}) and then starts the context
 * itself with {@code context.start()}. See docs/routes-testing.md.
 */
public abstract class YamlRouteTestSupport extends CamelTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // Routes are advised before the context starts; each test starts it.
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        // Camel JBang's CLI connector is on the test classpath (for `camel run`) and races the dev consoles of a
        // starting context (ConcurrentModificationException); a route test needs neither.
        camel.setDevConsole(false);
        CliConnectorFactory cli = camel.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class);
        if (cli != null) {
            cli.setEnabled(false);
        }
        return camel;
    }

    /** Loads route files, e.g. {@code "classpath:routes/healing-router.yaml"} or {@code "file:routes/my.yaml"}. */
    protected void load(String... locations) throws Exception {
        for (String location : locations) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, location));
        }
    }
}
