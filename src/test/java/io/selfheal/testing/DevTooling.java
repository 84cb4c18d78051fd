package io.selfheal.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CliConnectorFactory;

/** What a test's own Camel context turns off before it starts. */
public final class DevTooling {
    private DevTooling() {
    }

    /**
     * Turns off the dev consoles and Camel JBang's CLI connector (on the test classpath for `camel run`): the connector
     * resolves consoles from its own thread while the context is still starting them, and the start then fails, now and
     * then, with a ConcurrentModificationException in DefaultDevConsoleRegistry. No test needs either.
     */
    public static <C extends CamelContext> C off(C camel) {
        camel.setDevConsole(false);
        CliConnectorFactory cli = camel.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class);
        if (cli != null) {
            cli.setEnabled(false);
        }
        return camel;
    }
}
