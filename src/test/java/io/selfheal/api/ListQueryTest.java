package io.selfheal.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Query strings of the list endpoints: known values pass, anything else is refused with the accepted ones named. */
class ListQueryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    private final ListQueries queries = new ListQueries(CLOCK);

    @Test
    void readsFiltersAndDefaults() {
        ListQuery q = queries.incidents("open", "checkout", "high", "6h", "timeout", null, null);
        assertThat(q.status()).isEqualTo("open");
        assertThat(q.since().toInstant()).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        assertThat(q.limit()).isEqualTo(ListQuery.DEFAULT_LIMIT);
        assertThat(q.offset()).isZero();
        assertThat(queries.incidents("", " ", null, "2026-12-01T00:00:00Z", null, "500", "10").since().toInstant())
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(q.parameters()).containsEntry("q", "timeout").containsEntry("service", "checkout");
    }

    @Test
    void refusesUnknownValuesNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> queries.incidents("bogus", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[closed, escalated, healed, healing, open]");
        assertThatThrownBy(() -> queries.fingerprints("open", null, null, null, null, null, null))
                .hasMessageContaining("active");
        assertThatThrownBy(() -> queries.actions(null, null, null, "0", null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> queries.actions(null, null, null, "501", null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> queries.actions(null, null, null, "ten", null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> queries.actions(null, null, "yesterday", null, null)).hasMessageContaining("since");
        assertThatThrownBy(() -> queries.incidents(null, "x".repeat(201), null, null, null, null, null))
                .hasMessageContaining("service");
    }

    @Test
    void columnNamesBecomeCamelCase() {
        assertThat(ApiRows.camelCase("fingerprint_id")).isEqualTo("fingerprintId");
        assertThat(ApiRows.camelCase("last_24h")).isEqualTo("last24h");
        assertThat(ApiRows.camelCase("id")).isEqualTo("id");
        assertThat(ApiRows.camelCase("_x")).isEqualTo("x");
    }
}
