package io.selfheal.llm;

import io.selfheal.heal.DiagnosisDecision;
import io.selfheal.heal.Incident;
import io.selfheal.heal.IncidentDiagnoser;
import io.selfheal.heal.StrategyOption;
import io.selfheal.heal.StrategySuggestion;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deterministic diagnoser used when no LLM is configured, and the fallback of every LLM.
 *
 * <p>First the symptom table: a known symptom in the incident's template, exception type or stack (memory exhausted,
 * pool exhausted, a class missing after a deploy…) names the strategy that usually cures it, if that strategy is
 * allow-listed and meant for the incident's error type. Otherwise, among the allowed strategies meant for the error
 * type, the one that has worked best so far (then the higher priority, the lower risk, the name — so the answer never
 * depends on list order).
 */
public final class RuleBasedDiagnoser implements IncidentDiagnoser {
    public static final String SOURCE = "rule-based";

    /** A symptom and the strategy that usually cures it. Ordered: the first matching symptom wins. */
    private record Symptom(Pattern pattern, String strategy, String why) {
        static Symptom of(String regex, String strategy, String why) {
            return new Symptom(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), strategy, why);
        }
    }

    private static final List<Symptom> SYMPTOMS = List.of(
            Symptom.of("OutOfMemoryError|heap out of memory|\\bMemoryError\\b|Cannot allocate memory|GC overhead limit",
                    "restart-service", "memory is exhausted; a restart frees it while the leak is investigated"),
            Symptom.of("pool\\b.{0,30}exhausted|exhausted\\b.{0,30}pool|Connection is not available|too many connections"
                            + "|RejectedExecutionException|queue (?:is )?full|remaining connection slots",
                    "scale-out", "a pool or queue is saturated; more replicas spread the load"),
            Symptom.of("NoSuchMethodError|NoClassDefFoundError|ClassNotFoundException|AbstractMethodError"
                            + "|Cannot find module|ModuleNotFoundError|\\bImportError\\b|IncompatibleClassChangeError",
                    "rollback-deployment", "code and its dependencies disagree, which usually follows a bad deploy"),
            Symptom.of("ECONNREFUSED|Connection refused|timed? ?out|Service Unavailable|\\b50[234]\\b|circuit",
                    "open-circuit-breaker", "a dependency is failing; breaking the circuit stops the pile-up"),
            Symptom.of("stale|cache|deserializ|InvalidClassException|SerializationException",
                    "clear-cache", "cached data no longer matches what the code expects"),
            Symptom.of("job\\b.{0,40}failed|task\\b.{0,40}failed|batch\\b.{0,40}failed",
                    "retry-failed-job", "a job failed on a transient error and can be run again"));

    @Override
    public Optional<StrategySuggestion> diagnose(Incident incident, List<StrategyOption> allowed) {
        List<StrategyOption> applicable = allowed.stream().filter(o -> o.appliesTo(incident.errorType())).toList();
        String evidence = String.join("\n", nonNull(incident.template()), nonNull(incident.exceptionType()),
                nonNull(incident.stackExcerpt()));
        for (Symptom symptom : SYMPTOMS) {
            if (symptom.pattern().matcher(evidence).find()) {
                Optional<StrategyOption> cure = applicable.stream()
                        .filter(o -> o.name().equals(symptom.strategy())).findFirst();
                if (cure.isPresent()) {
                    return Optional.of(suggest(cure.get(), "Rule-based: " + symptom.why(), 0.1));
                }
            }
        }
        return applicable.stream()
                .min(Comparator.comparingDouble(StrategyOption::successRate).reversed()
                        .thenComparing(Comparator.comparingInt(StrategyOption::priority).reversed())
                        .thenComparing(StrategyOption::risk)
                        .thenComparing(StrategyOption::name))
                .map(best -> suggest(best, "Rule-based: " + best.name() + " is meant for "
                        + incident.errorType().code() + " errors", 0));
    }

    private static StrategySuggestion suggest(StrategyOption option, String why, double symptomBonus) {
        String rationale = why + (option.attempts() > 0
                ? String.format(" (it succeeded in %.0f%% of %d attempts)", option.successRate() * 100, option.attempts())
                : "");
        // Without a model, confidence grows with the strategy's track record and stays modest when it has none.
        double record = option.attempts() == 0 ? 0 : 0.4 * option.successRate() * Math.min(1, option.attempts() / 10.0);
        // Unscored here: the FailoverDiagnoser scores it and gives its decision; on its own it only asks for approval.
        return new StrategySuggestion(option.name(), Map.of(), Math.min(1, 0.5 + symptomBonus + record), rationale,
                option.risk(), SOURCE, DiagnosisDecision.APPROVE);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
