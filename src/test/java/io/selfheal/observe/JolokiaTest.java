package io.selfheal.observe;

import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /observe/jolokia, the endpoint Hawtio connects to: route statistics readable, nothing writable or invocable. */
class JolokiaTest {
    private static final String INGEST_ROUTE = "org.apache.camel:context=selfheal,type=routes,name=\\\"ingest\\\"";

    @TempDir
    static Path work;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.get().reset();
        app = RunningApp.startIn(work, Map.of());
        assertThat(app.post("/api/v1/logs?service=shop", "text/plain", "ERROR cart service unreachable").statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void routeStatisticsAreReadable() throws Exception {
        String answer = jolokia("""
                {"type":"read","mbean":"%s","attribute":["ExchangesTotal","ExchangesFailed","State","MeanProcessingTime"]}
                """.formatted(INGEST_ROUTE));
        assertThat(answer).contains("\"status\":200").contains("\"ExchangesTotal\":1").contains("\"State\":\"Started\"");

        String routes = jolokia("""
                {"type":"search","mbean":"org.apache.camel:context=selfheal,type=routes,*"}""");
        assertThat(routes).contains("name=\\\"ingest\\\"").contains("name=\\\"source-http\\\"");
    }

    @Test
    void operationsAndWritesAreRefused() throws Exception {
        String stop = jolokia("""
                {"type":"exec","mbean":"%s","operation":"stop()"}""".formatted(INGEST_ROUTE));
        assertThat(stop).contains("\"status\":403");
        String write = jolokia("""
                {"type":"write","mbean":"%s","attribute":"Tracing","value":true}""".formatted(INGEST_ROUTE));
        assertThat(write).contains("\"status\":403");
        String hawtioProbe = jolokia("""
                {"type":"exec","mbean":"hawtio:type=security,name=RBACRegistry","operation":"list()"}""");
        assertThat(hawtioProbe).as("the one operation Hawtio needs answers 'not found', not 'forbidden'")
                .contains("\"status\":404");
        assertThat(app.app().camelContext().getRouteController().getRouteStatus("ingest").isStarted()).isTrue();
    }

    private static String jolokia(String request) throws Exception {
        var response = app.post("/observe/jolokia", "application/json", request);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
