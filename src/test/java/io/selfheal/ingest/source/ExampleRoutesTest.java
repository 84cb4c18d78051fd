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

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    @Test
    void syslogOverTcp() throws Exception {
        int port = RunningApp.freePort();
        try (RunningApp app = RunningApp.start(logs, Map.of("selfheal.files.enabled", "false",
                "syslog.host", "127.0.0.1", "syslog.port", String.valueOf(port)))) {
            load(app.app().camelContext(), "examples/routes/syslog-tcp.yaml");
            try (Socket socket = new Socket("127.0.0.1", port);
                 Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
                out.write("<11>1 2024-05-01T10:00:00.000Z web-01 payments 4711 - - charge 991 failed: connection refused\n");
                out.write("<27>May  1 10:00:01 db-02 postgres[812]: could not write block 77: No space left on device\n");
                out.write("<14>May  1 10:00:02 db-02 postgres[812]: checkpoint complete\n");
                out.flush();
                await(() -> count("SELECT count(*) FROM log_entries WHERE source = 'syslog'") == 2,
                        Duration.ofSeconds(20), "both syslog errors stored");
            }
            assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'payments' AND level = 'ERROR'"
                    + " AND labels->>'host' = 'web-01'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM log_entries WHERE service = 'postgres' AND level = 'ERROR'"
                    + " AND message = 'could not write block 77: No space left on device'")).isEqualTo(1);
        }
    }

    /** What dropping the file into the reloaded routes folder does: load its routes into the running context. */
    private static void load(CamelContext camel, String file) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
    }
}
