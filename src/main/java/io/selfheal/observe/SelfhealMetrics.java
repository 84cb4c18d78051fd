package io.selfheal.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Selfheal's domain metrics, the one place every feature records into. Served as Prometheus text on
 * {@code /observe/metrics} together with Camel's route metrics, all named {@code selfheal_*}.
 *
 * <p>Counters count what happened in this process since it started; the state kept in the database (incidents,
 * actions by status, active fingerprints) is published as gauges by {@link DatabaseGauges}, so every instance reports
 * the same totals and a restart loses nothing.
 */
public final class SelfhealMetrics {
    private static final String SOURCE = "source";

    private final MeterRegistry registry;

    public SelfhealMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One batch of a source went through {@code direct:ingest}. */
    public void ingested(String source, int linesRead, int eventsStored, int newFingerprints,
                         List<DeadLetter> deadLetters) {
        String name = source == null ? "unknown" : source;
        increment("selfheal.lines.ingested", "Log records read (parsed or dead-lettered), per source", linesRead, SOURCE, name);
        increment("selfheal.events.stored", "Events stored in log_entries, per source", eventsStored, SOURCE, name);
        increment("selfheal.fingerprints.new", "Error groups seen for the first time", newFingerprints, SOURCE, name);
        deadLettered(name, deadLetters);
    }

    /** Input kept in dead_letters, counted per source and {@link DeadLetterKind} (the {@code reason} label). */
    public void deadLettered(String source, List<DeadLetter> deadLetters) {
        String name = source == null ? "unknown" : source;
        Map<DeadLetterKind, Long> byKind = deadLetters.stream()
                .collect(Collectors.groupingBy(DeadLetter::kind, () -> new EnumMap<>(DeadLetterKind.class),
                        Collectors.counting()));
        for (DeadLetterKind kind : DeadLetterKind.values()) {
            increment("selfheal.dead.letters", "Inputs kept as dead letters, per source and kind of reason",
                    byKind.getOrDefault(kind, 0L), SOURCE, name, "reason", kind.label());
        }
    }

    /** Incidents opened (read from the database by {@link DatabaseCounters}), per severity. */
    public void incidentsDetected(String severity, long count) {
        increment("selfheal.incidents.detected", "Incidents opened", count, "severity", severity);
    }

    /**
     * Healing actions that reached a final state (read from the database by {@link DatabaseCounters}): refused,
     * dry_run, rejected, expired, failed, compensated, or the verification's outcome (verified, failed, inconclusive).
     */
    public void actionsFinished(String strategy, String outcome, long count) {
        increment("selfheal.actions.finished", "Healing actions that reached a final state", count,
                "strategy", strategy, "outcome", outcome);
    }

    /**
     * One call to a language model that was sent (calls skipped by the budget or an open circuit are not calls).
     * The latency is a histogram, so {@code histogram_quantile} over {@code selfheal_llm_calls_seconds_bucket} works.
     *
     * @param outcome {@code answered}, {@code timeout}, {@code server_error}...
     */
    public void llmCall(String provider, String model, String outcome, Duration latency,
                        long promptTokens, long completionTokens) {
        Timer.builder("selfheal.llm.calls").description("Language model calls and their latency")
                .tags("provider", provider, "model", model, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(latency);
        increment("selfheal.llm.tokens", "Language model tokens", promptTokens,
                "provider", provider, "model", model, "kind", "prompt");
        increment("selfheal.llm.tokens", "Language model tokens", completionTokens,
                "provider", provider, "model", model, "kind", "completion");
    }

    private void increment(String name, String description, long amount, String... tags) {
        // Registered even for 0 so that a series exists from the first batch on and rate() has a starting point.
        Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
        if (amount > 0) {
            counter.increment(amount);
        }
    }
}
