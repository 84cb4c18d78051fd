package io.selfheal.assess;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.ingest.Level;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RateMeasurerTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private final RateMeasurer measurer = new RateMeasurer(new AssessmentSettings(Duration.ofMinutes(5), Duration.ofMinutes(65),
            5, 3, Duration.ofMinutes(30), 2, Duration.ofMinutes(15)), new SeverityClassifier());

    private static FingerprintWindow window(String id, String service, long recent, long before, Instant firstSeen,
                                            Set<String> versions, Set<String> baselineVersions) {
        return new FingerprintWindow(id, service, ErrorType.DATABASE, Level.ERROR, "timeout", "java.sql.SQLTimeoutException",
                "java.sql.SQLTimeoutException\ncom.acme.Db.query", null, firstSeen, recent, before, 1, versions, baselineVersions, Map.of(), recent);
    }

    @Test
    void ratesAreOccurrencesPerMinuteOfEachWindow() {
        Measurement m = measurer.measure(List.of(window("a", "orders", 50, 60, NOW.minus(Duration.ofDays(1)), Set.of(), Set.of())), NOW).get(0);
        assertThat(m.ratePerMinute()).isEqualTo(10.0);
        assertThat(m.baselineRate()).isEqualTo(1.0);
        assertThat(m.spike()).isTrue();
    }

    @Test
    void aSteadyRateOrTooFewOccurrencesIsNoSpike() {
        Instant old = NOW.minus(Duration.ofDays(1));
        assertThat(measurer.measure(List.of(window("a", "orders", 50, 600, old, Set.of(), Set.of())), NOW).get(0).spike()).isFalse();
        assertThat(measurer.measure(List.of(window("a", "orders", 4, 0, old, Set.of(), Set.of())), NOW).get(0).spike()).isFalse();
    }

    @Test
    void occurrencesBeforeTheLastResolutionOpenNoNewIncident() {
        FingerprintWindow healed = new FingerprintWindow("a", "orders", ErrorType.DATABASE, Level.ERROR, "timeout", null, null, null,
                NOW.minus(Duration.ofDays(1)), 50, 0, 1, Set.of(), Set.of(), Map.of(), 2);
        assertThat(measurer.measure(List.of(healed), NOW).get(0).spike()).isFalse();
    }

    @Test
    void newSinceDeployFromFirstSeenOrANewVersionLabel() {
        Instant old = NOW.minus(Duration.ofDays(1));
        assertThat(measurer.measure(List.of(window("a", "o", 10, 0, NOW.minusSeconds(60), Set.of(), Set.of())), NOW).get(0).newSinceDeploy()).isTrue();
        assertThat(measurer.measure(List.of(window("a", "o", 10, 5, old, Set.of("v2"), Set.of("v1"))), NOW).get(0).newSinceDeploy()).isTrue();
        assertThat(measurer.measure(List.of(window("a", "o", 10, 5, old, Set.of("v1"), Set.of("v1"))), NOW).get(0).newSinceDeploy()).isFalse();
    }

    @Test
    void spreadCountsServicesWithTheSameFailure() {
        Instant old = NOW.minus(Duration.ofDays(1));
        List<Measurement> ms = measurer.measure(List.of(
                window("a", "orders", 10, 0, old, Set.of(), Set.of()),
                window("b", "billing", 10, 0, old, Set.of(), Set.of()),
                window("c", "search", 10, 0, old, Set.of(), Set.of())), NOW);
        assertThat(ms).allSatisfy(m -> assertThat(m.servicesAffected()).isEqualTo(3));
    }

    @Test
    void unrelatedErrorsOfOneTypeDoNotSpread() {
        Instant old = NOW.minus(Duration.ofDays(1));
        List<Measurement> ms = measurer.measure(List.of(
                unknown("a", "checkout", "card declined for order <*>"),
                unknown("b", "billing", "quota exceeded for tenant <*>"),
                unknown("c", "orders", "order <*> will be retried"),
                unknown("d", "search", "card declined for order <*>")), NOW);
        assertThat(ms.get(0).servicesAffected()).isEqualTo(2);
        assertThat(ms.get(1).servicesAffected()).isEqualTo(1);
        assertThat(ms.get(2).servicesAffected()).isEqualTo(1);
        assertThat(ms.get(3).servicesAffected()).isEqualTo(2);
    }

    @Test
    void theSameExceptionWithOtherFramesIsAnotherFailure() {
        Instant old = NOW.minus(Duration.ofDays(1));
        FingerprintWindow other = new FingerprintWindow("b", "billing", ErrorType.DATABASE, Level.ERROR, "timeout",
                "java.sql.SQLTimeoutException", "java.sql.SQLTimeoutException\ncom.acme.Billing.charge", null, old, 10, 0, 1,
                Set.of(), Set.of(), Map.of(), 10);
        List<Measurement> ms = measurer.measure(List.of(window("a", "orders", 10, 0, old, Set.of(), Set.of()), other), NOW);
        assertThat(ms).allSatisfy(m -> assertThat(m.servicesAffected()).isEqualTo(1));
    }

    private static FingerprintWindow unknown(String id, String service, String template) {
        return new FingerprintWindow(id, service, ErrorType.UNKNOWN, Level.ERROR, template, null, null, null,
                NOW.minus(Duration.ofDays(1)), 10, 0, 1, Set.of(), Set.of(), Map.of(), 10);
    }
}
