package io.selfheal.ingest.source;

import com.sun.net.httpserver.HttpServer;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.selfheal.testing.RunningApp.await;
import static io.selfheal.testing.RunningApp.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Each example under examples/routes, loaded into the running service as a dropped-in file, ingests real input. */
class ExampleRoutesTest {
    @TempDir
    Path logs;

    @BeforeEach
    void reset() {
        TestDatabase.get().reset();
    }

    @Test
    void httpJsonPoller() throws Exception {
        HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/logs", exchange -> {
            byte[] body = """
                    {"items": [{"timestamp": "2024-05-01T10:00:00Z", "level": "error", "service": "inventory",
                                "message": "stock sync failed for sku 1234"},
                               {"timestamp": "2024-05-01T10:00:01Z", "level": "info", "service": "inventory",
                                "message": "sync finished"}]}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
        try (RunningApp app = RunningApp.start(logs, Map.of("selfheal.files.enabled", "false",
                "json-poller.url", "http://127.0.0.1:" + feed.getAddress().getPort() + "/logs",
                "json-poller.period-ms", "60000"))) {
            load(app.app().camelContext(), "examples/routes/http-json-poller.yaml");
            await(() -> count("SELECT count(*) FROM log_entries WHERE service = 'inventory'") == 1,
                    Duration.ofSeconds(20), "the polled error stored");
            assertThat(count("SELECT count(*) FROM log_entries WHERE source = 'json-poller'")).isEqualTo(1);
        } finally {
            feed.stop(0);
        }
    }

    /** What dropping the file into the reloaded routes folder does: load its routes into the running context. */
    private static void load(CamelContext camel, String file) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
    }
}
