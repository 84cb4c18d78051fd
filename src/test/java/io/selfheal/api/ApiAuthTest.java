package io.selfheal.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiAuthTest {
    @Test
    void operatorTokenIsRequiredForMutations() {
        ApiAuth auth = new ApiAuth("op", "ro");
        assertThat(auth.requireOperator("Bearer op")).isEqualTo("operator");
        assertThat(auth.requireOperator("bearer op")).isEqualTo("operator");
        assertThatThrownBy(() -> auth.requireOperator("Bearer ro")).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> auth.requireOperator(null)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> auth.requireOperator("op")).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void readsAcceptTheReadOrOperatorTokenAndAreOpenWithoutReadToken() {
        ApiAuth auth = new ApiAuth("op", "ro");
        auth.requireReader("Bearer ro");
        auth.requireReader("Bearer op");
        assertThatThrownBy(() -> auth.requireReader("Bearer nope")).isInstanceOf(UnauthorizedException.class);
        new ApiAuth("op", null).requireReader(null);
    }

    @Test
    void withoutAnOperatorTokenMutationsAreRefused() {
        assertThatThrownBy(() -> new ApiAuth(null, null).requireOperator("Bearer anything"))
                .hasMessageContaining("no operator token is configured");
    }
}
