package io.selfheal.app;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Map;

/** The Selfheal service: a camel-main application whose routes are the YAML files under {@code routes/}. */
public final class SelfhealApp implements AutoCloseable {
    private final Main main = new Main();
    private final SelfhealBootstrap bootstrap = new SelfhealBootstrap();

    /**
     * @param configFile an optional external properties file that overrides {@code application.properties}
     * @param overrides  properties that override everything else (used by tests and command-line flags)
     */
    public SelfhealApp(Path configFile, Map<String, String> overrides) {
        main.addMainListener(bootstrap);
        boolean demo = Boolean.parseBoolean(overrides.get("selfheal.demo"));
        if (configFile != null || demo) {
            // The first location that defines a key wins: the user's file, then the demo's timings, then the defaults.
            main.setPropertyPlaceholderLocations((configFile == null ? "" : "file:" + configFile.toAbsolutePath() + ",")
                    + (demo ? "classpath:demo.properties," : "") + "classpath:application.properties");
        }
        overrides.forEach(main::addOverrideProperty);
    }

    /** Runs until the JVM is asked to stop (Ctrl+C, SIGTERM); throws when the start fails. */
    public void run() throws Exception {
        try {
            main.run();
        } finally {
            // Marks the run as over. After a failed start Camel's shutdown hook is still armed, and would greet the
            // JVM's exit with "JVM shutdown hook triggered by SIGTERM" although nobody sent one.
            main.getShutdownStrategy().shutdown();
        }
    }

    /** Starts without blocking; {@link #close()} stops. */
    public SelfhealApp start() throws Exception {
        main.start();
        return this;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
        // Main calls its listeners' afterStop only at the end of run(); a started app releases the database pool,
        // the file-lag watcher and the demo writer here (afterStop does each once).
        bootstrap.afterStop(main);
    }
}
