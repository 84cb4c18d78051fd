package io.selfheal.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /observe/jolokia, the endpoint Hawtio connects to: reads and Camel's read-only route dumps work; no write and no
 * other operation runs, whether the MBean is named exactly, quoted, by a pattern or inside a bulk request; the JVM's
 * -D settings and arguments cannot be read.
 */
class JolokiaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INGEST_ROUTE = "org.apache.camel:context=selfheal,type=routes,name=\\\"ingest\\\"";
    private static final String CONTEXT = "org.apache.camel:context=selfheal,type=context,name=\\\"selfheal\\\"";

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
    void hawtiosReadOnlyRouteDumpsRun() throws Exception {
        JsonNode routes = single("""
                {"type":"exec","mbean":"%s","operation":"dumpRoutesAsXml()"}""".formatted(CONTEXT));
        assertThat(routes.path("status").asInt()).isEqualTo(200);
        assertThat(routes.path("value").asText()).contains("source-http").contains("ingest");
        JsonNode route = single("""
                {"type":"exec","mbean":"%s","operation":"dumpRouteAsXml()"}""".formatted(INGEST_ROUTE));
        assertThat(route.path("status").asInt()).isEqualTo(200);
        JsonNode stats = single("""
                {"type":"exec","mbean":"%s","operation":"dumpRoutesStatsAsXml","arguments":[true,true]}""".formatted(CONTEXT));
        assertThat(stats.path("status").asInt()).isEqualTo(200);
        assertThat(stats.path("value").asText()).contains("exchangesTotal");
    }

    /** The calls Hawtio 4.2 makes for Route Diagram (route XML and live statistics) and Source, with their arguments. */
    @Test
    void theDumpsBehindRouteDiagramAndSourceRunWithHawtiosArguments() throws Exception {
        List<String> calls = List.of(
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"dumpRoutesAsXml(boolean,boolean)\",\"arguments\":[true,true]}"
                        .formatted(CONTEXT),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"dumpRouteAsXml(boolean)\",\"arguments\":[true]}"
                        .formatted(INGEST_ROUTE),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"dumpRouteAsXml(boolean,boolean)\",\"arguments\":[true,true]}"
                        .formatted(INGEST_ROUTE),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"dumpRouteStatsAsXml(boolean,boolean)\",\"arguments\":[true,true]}"
                        .formatted(INGEST_ROUTE),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"dumpRoutesStatsAsXml(boolean,boolean)\",\"arguments\":[true,true]}"
                        .formatted(CONTEXT));
        for (String call : calls) {
            JsonNode answer = single(call);
            assertThat(answer.path("status").asInt()).as(call + " -> " + answer).isEqualTo(200);
            assertThat(answer.path("value").asText()).as(call).contains("ingest");
        }
    }

    /** Operations a console could send next to the dumps: each changes routes, endpoints or messages. */
    @Test
    void camelOperationsThatChangeSomethingAreRefused() throws Exception {
        List<String> calls = List.of(
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"addOrUpdateRoutesFromXml(java.lang.String)\",\"arguments\":[\"<routes/>\"]}"
                        .formatted(CONTEXT),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"updateRouteFromXml\",\"arguments\":[\"<route/>\"]}"
                        .formatted(INGEST_ROUTE),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"sendBody\",\"arguments\":[\"direct:ingest\",\"ERROR x\"]}"
                        .formatted(CONTEXT),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"reset(boolean)\",\"arguments\":[true]}"
                        .formatted(CONTEXT),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"suspend()\"}".formatted(CONTEXT),
                "{\"type\":\"exec\",\"mbean\":\"%s\",\"operation\":\"remove()\"}".formatted(INGEST_ROUTE));
        for (String call : calls) {
            assertThat(single(call).path("status").asInt()).as(call).isEqualTo(403);
        }
        assertThat(app.app().camelContext().getRouteController().getRouteStatus("ingest").isStarted()).isTrue();
        assertThat(app.app().camelContext().isSuspended()).isFalse();
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

    @Test
    void operationsOnPatternNamesAreRefused() throws Exception {
        Path heap = work.resolve("heap.hprof");
        List<String> requests = List.of(
                """
                {"type":"exec","mbean":"org.apache.camel:context=selfheal,name=\\"source-file*\\",type=routes","operation":"stop()"}""",
                """
                {"type":"exec","mbean":"org.apache.camel:context=selfheal,name=\\"ingest\\",*","operation":"stop()"}""",
                """
                {"type":"exec","mbean":"org.apache.camel:*","operation":"dumpRoutesAsXml()"}""",
                """
                {"type":"exec","mbean":"com.sun.management:type=HotSpotDiag*","operation":"dumpHeap","arguments":["%s",true]}"""
                        .formatted(heap.toString().replace("\\", "\\\\")),
                """
                {"type":"exec","mbean":"java.lang:type=Mem*","operation":"gc"}""",
                """
                {"type":"exec","mbean":"java.lang:type=Memory","operation":"gc()"}""",
                """
                {"type":"write","mbean":"org.apache.camel:context=selfheal,type=routes,*","attribute":"Tracing","value":true}""");
        for (String request : requests) {
            assertThat(single(request).path("status").asInt()).as(request).isEqualTo(403);
        }
        assertThat(heap).doesNotExist();
        for (String route : List.of("source-files", "ingest")) {
            assertThat(app.app().camelContext().getRouteController().getRouteStatus(route).isStarted()).as(route).isTrue();
        }
    }

    @Test
    void bulkRequestsAreCheckedOneByOne() throws Exception {
        String bulk = """
                [{"type":"read","mbean":"%s","attribute":"State"},
                 {"type":"exec","mbean":"org.apache.camel:context=selfheal,name=\\"source-file*\\",type=routes","operation":"stop()"},
                 {"type":"exec","mbean":"%s","operation":"stop()"},
                 {"type":"write","mbean":"%s","attribute":"Tracing","value":true},
                 {"type":"exec","mbean":"java.lang:type=Memory","operation":"gc()"}]""".formatted(INGEST_ROUTE, INGEST_ROUTE, INGEST_ROUTE);
        JsonNode answers = JSON.readTree(jolokia(bulk));
        List<Integer> statuses = new ArrayList<>();
        answers.forEach(a -> statuses.add(a.path("status").asInt()));
        assertThat(statuses).containsExactly(200, 403, 403, 403, 403);
        assertThat(app.app().camelContext().getRouteController().getRouteStatus("source-files").isStarted()).isTrue();
    }

    @Test
    void getRequestsFollowTheSamePolicy() throws Exception {
        var gc = app.get("/observe/jolokia/exec/java.lang:type=Memory/gc()");
        assertThat(gc.body()).contains("\"status\":403");
        var pattern = app.get("/observe/jolokia/exec/java.lang:type=Mem*/gc()");
        assertThat(pattern.body()).contains("\"status\":403");
        var arguments = app.get("/observe/jolokia/read/java.lang:type=Runtime/InputArguments");
        assertThat(arguments.body()).contains("\"status\":403");
    }

    @Test
    void jvmSettingsAndArgumentsAreNotReadable() throws Exception {
        for (String mbean : List.of("java.lang:type=Runtime", "java.lang:type=Run*", "java.lang:*")) {
            for (String attribute : List.of("SystemProperties", "InputArguments")) {
                JsonNode answer = single("""
                        {"type":"read","mbean":"%s","attribute":"%s"}""".formatted(mbean, attribute));
                assertThat(answer.path("status").asInt()).as(mbean + " " + attribute).isNotEqualTo(200);
                assertThat(answer.toString()).doesNotContain("java.class.path").doesNotContain("-Xmx").doesNotContain("-D");
            }
            JsonNode all = single("""
                    {"type":"read","mbean":"%s"}""".formatted(mbean));
            assertThat(all.toString()).as(mbean).doesNotContain("java.class.path").doesNotContain("user.dir");
        }
        JsonNode uptime = single("""
                {"type":"read","mbean":"java.lang:type=Runtime","attribute":"Uptime"}""");
        assertThat(uptime.path("status").asInt()).isEqualTo(200);
    }

    private static JsonNode single(String request) throws Exception {
        return JSON.readTree(jolokia(request));
    }

    private static String jolokia(String request) throws Exception {
        var response = app.post("/observe/jolokia", "application/json", request);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
