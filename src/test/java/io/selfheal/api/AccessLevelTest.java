package io.selfheal.api;

import org.junit.jupiter.api.Test;

import static io.selfheal.api.AccessLevel.INGEST;
import static io.selfheal.api.AccessLevel.OPEN;
import static io.selfheal.api.AccessLevel.OPERATE;
import static io.selfheal.api.AccessLevel.READ;
import static org.assertj.core.api.Assertions.assertThat;

class AccessLevelTest {
    @Test
    void onlyTheDashboardFilesHealthAndMetricsAreOpen() {
        assertThat(AccessLevel.of("GET", "/")).isEqualTo(OPEN);
        assertThat(AccessLevel.of("GET", "/dashboard.js")).isEqualTo(OPEN);
        assertThat(AccessLevel.of("HEAD", "/index.html")).isEqualTo(OPEN);
        assertThat(AccessLevel.of("GET", "/observe/health")).isEqualTo(OPEN);
        assertThat(AccessLevel.of("GET", "/observe/health/readiness")).isEqualTo(OPEN);
        assertThat(AccessLevel.of("GET", "/observe/metrics")).isEqualTo(OPEN);
        assertThat(AccessLevel.of("POST", "/")).as("only reads of the files").isEqualTo(OPERATE);
        assertThat(AccessLevel.of("GET", "/application.properties")).isEqualTo(READ);
    }

    @Test
    void pushedLogsNeedTheIngestTokenOnlyOnTheirTwoPaths() {
        assertThat(AccessLevel.of("POST", "/api/v1/logs")).isEqualTo(INGEST);
        assertThat(AccessLevel.of("post", "/loki/api/v1/push")).isEqualTo(INGEST);
        assertThat(AccessLevel.of("PUT", "/api/v1/logs")).isEqualTo(OPERATE);
        assertThat(AccessLevel.of("POST", "/api/v1/logs/x")).isEqualTo(OPERATE);
    }

    @Test
    void everythingElseIsAReadOrAnOperation() {
        assertThat(AccessLevel.of("GET", "/api/v1/dashboard/incidents")).isEqualTo(READ);
        assertThat(AccessLevel.of("GET", "/api/v1/sources")).isEqualTo(READ);
        assertThat(AccessLevel.of("GET", "/ext/echo")).as("a live route added later").isEqualTo(READ);
        assertThat(AccessLevel.of("POST", "/observe/jolokia")).as("Jolokia reads by POST").isEqualTo(READ);
        assertThat(AccessLevel.of("GET", "/observe/jolokia/read/java.lang:type=Memory")).isEqualTo(READ);
        assertThat(AccessLevel.of("POST", "/api/v1/healing/pause")).isEqualTo(OPERATE);
        assertThat(AccessLevel.of("DELETE", "/api/v1/incidents")).isEqualTo(OPERATE);
        assertThat(AccessLevel.of("OPTIONS", "/api/v1/incidents")).isEqualTo(OPERATE);
        assertThat(AccessLevel.of("POST", "/ext/hook")).isEqualTo(OPERATE);
    }
}
