package io.selfheal.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One running service for a whole test class (starting one takes seconds), on an empty database before each test:
 * {@code @RegisterExtension static final ServicePerClass SERVICE = ServicePerClass.with(Map.of(...));}.
 */
public final class ServicePerClass implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final Map<String, String> settings;
    private Path logs;
    private RunningApp app;

    private ServicePerClass(Map<String, String> settings) {
        this.settings = settings;
    }

    /** @param settings application properties over the test defaults of {@link RunningApp} */
    public static ServicePerClass with(Map<String, String> settings) {
        return new ServicePerClass(settings);
    }

    public RunningApp app() {
        return app;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestDatabase.get().reset();
        logs = Files.createTempDirectory("selfheal-test-logs");
        app = RunningApp.start(logs, settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.get().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (app != null) {
            app.close();
        }
        TestFiles.deleteRecursively(logs);
    }
}
