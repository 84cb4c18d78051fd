package io.selfheal.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final Instant RECEIVED_AT = Instant.parse("2024-03-12T14:05:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-03-12T14:02:11.482Z              | 2024-03-12T14:02:11.482Z",
            "2024-03-12T15:02:11.482+01:00         | 2024-03-12T14:02:11.482Z",
            "2024-03-12T15:02:11.482+0100          | 2024-03-12T14:02:11.482Z",
            "2024-03-12T14:02:11.482123456Z        | 2024-03-12T14:02:11.482123456Z",
            "2024-03-12T14:02:11                   | 2024-03-12T14:02:11Z",
            "2024-03-12 14:02:11,482               | 2024-03-12T14:02:11.482Z",
            "2024-03-12 14:02:11.482 +01:00        | 2024-03-12T13:02:11.482Z",
            "2024/03/12 14:02:11                   | 2024-03-12T14:02:11Z",
            "Mar 12 14:02:11                       | 2024-03-12T14:02:11Z",
            "Mar  2 14:02:11                       | 2024-03-02T14:02:11Z",
            "12/Mar/2024:15:02:11 +0100            | 2024-03-12T14:02:11Z",
            "1710252131                            | 2024-03-12T14:02:11Z",
            "1710252131.482                        | 2024-03-12T14:02:11.482Z",
            "1710252131482                         | 2024-03-12T14:02:11.482Z",
            "1710252131482123                      | 2024-03-12T14:02:11.482123Z",
            "1710252131482123456                   | 2024-03-12T14:02:11.482123456Z",
    })
    void readsTheSpellingsLogsUse(String text, String expected) {
        assertThat(Timestamps.parse(text, RECEIVED_AT)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"yesterday", "2024-03-12", "404", "2024-13-40T25:61:00Z", "12:00:00"})
    void returnsNullForWhatIsNoTimestamp(String text) {
        assertThat(Timestamps.parse(text, RECEIVED_AT)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890123456789012345678", "9e24", "1e40", "-1e30", "1e999999",
            "-99999999999999999999999999"})
    void anEpochOutsideTheYears1To9999IsNoTimestamp(String number) {
        assertThat(Timestamps.fromEpoch(new BigDecimal(number))).isNull();
    }

    @Test
    void aLineStartingWithAHugeNumberHasNoTimestamp() {
        assertThat(Timestamps.parseAt("12345678901234567890123456789012345678 things happened", 0, RECEIVED_AT)).isNull();
        assertThat(Timestamps.parseAt("1".repeat(100_000) + " things happened", 0, RECEIVED_AT)).isNull();
    }

    @Test
    void syslogTimestampFromDecemberReadInJanuaryIsLastYear() {
        Instant newYear = Instant.parse("2025-01-01T00:00:30Z");
        assertThat(Timestamps.parse("Dec 31 23:59:58", newYear)).isEqualTo(Instant.parse("2024-12-31T23:59:58Z"));
    }

    @Test
    void prefixMatchReportsWhereTheTimestampEnds() {
        Timestamps.Match match = Timestamps.parseAt("2024-03-12 14:02:11,482 ERROR boom", 0, RECEIVED_AT);
        assertThat(match.instant()).isEqualTo(Instant.parse("2024-03-12T14:02:11.482Z"));
        assertThat(match.end()).isEqualTo(23);
    }

    @Test
    void epochNumbersAreScaledByMagnitude() {
        assertThat(Timestamps.fromEpoch(new BigDecimal("1710252131.4821234")))
                .isEqualTo(Instant.ofEpochSecond(1710252131L, 482_123_400L));
        assertThat(Timestamps.fromEpoch(new BigDecimal("1710252131482")))
                .isEqualTo(Instant.parse("2024-03-12T14:02:11.482Z"));
    }
}
