package io.selfheal.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.selfheal.api.AccessLevel.INGEST;
import static io.selfheal.api.AccessLevel.OPEN;
import static io.selfheal.api.AccessLevel.OPERATE;
import static io.selfheal.api.AccessLevel.READ;
import static org.assertj.core.api.Assertions.assertThat;

class ApiAuthTest {
    @Test
    void operatorTokenIsRequiredForOperations() {
        ApiAuth auth = new ApiAuth("op", "ro", "in");
        assertThat(auth.allows(OPERATE, "Bearer op")).isTrue();
        assertThat(auth.allows(OPERATE, "bearer op")).isTrue();
        assertThat(auth.allows(OPERATE, "Bearer ro")).isFalse();
        assertThat(auth.allows(OPERATE, "Bearer in")).isFalse();
        assertThat(auth.allows(OPERATE, null)).isFalse();
        assertThat(auth.allows(OPERATE, "op")).as("no scheme").isFalse();
        assertThat(auth.allows(OPERATE, "Bearer op2")).isFalse();
        assertThat(auth.allows(OPERATE, "Bearer ")).isFalse();
    }

    @Test
    void readsAcceptTheReadOrOperatorTokenAndAreOpenWithoutReadToken() {
        ApiAuth auth = new ApiAuth("op", "ro", null);
        assertThat(auth.allows(READ, "Bearer ro")).isTrue();
        assertThat(auth.allows(READ, "Bearer op")).isTrue();
        assertThat(auth.allows(READ, "Bearer nope")).isFalse();
        assertThat(auth.allows(READ, null)).isFalse();
        assertThat(new ApiAuth("op", null, null).allows(READ, null)).isTrue();
        assertThat(new ApiAuth("op", "  ", null).allows(READ, null)).as("a blank token is no token").isTrue();
    }

    @Test
    void ingestNeedsTheIngestTokenAsBearerOrBasicPassword() {
        ApiAuth auth = new ApiAuth("op", "ro", "push-secret");
        assertThat(auth.allows(INGEST, "Bearer push-secret")).isTrue();
        assertThat(auth.allows(INGEST, basic("promtail", "push-secret"))).isTrue();
        assertThat(auth.allows(INGEST, basic("", "push-secret"))).isTrue();
        assertThat(auth.allows(INGEST, basic("push-secret", "wrong"))).as("the user name is not the token").isFalse();
        assertThat(auth.allows(INGEST, "Basic !!not-base64!!")).isFalse();
        assertThat(auth.allows(INGEST, "Bearer op")).as("each token for its own purpose").isFalse();
        assertThat(auth.allows(INGEST, null)).isFalse();
        assertThat(new ApiAuth("op", null, null).allows(INGEST, null)).isTrue();
        assertThat(auth.allows(OPEN, null)).isTrue();
    }

    @Test
    void basicAuthCarriesAnyTokenAsItsPassword() {
        ApiAuth auth = new ApiAuth("op", "ro", null);
        assertThat(auth.allows(READ, basic("hawtio", "ro"))).isTrue();
        assertThat(auth.allows(OPERATE, basic("admin", "op"))).isTrue();
        assertThat(auth.allows(OPERATE, basic("admin", "ro"))).isFalse();
    }

    @Test
    void withoutAnOperatorTokenOperationsAreRefused() {
        ApiAuth auth = new ApiAuth(null, null, null);
        assertThat(auth.allows(OPERATE, "Bearer anything")).isFalse();
        assertThat(auth.allows(OPERATE, "Bearer ")).isFalse();
        assertThat(auth.refusal(OPERATE)).contains("no operator token is configured");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
