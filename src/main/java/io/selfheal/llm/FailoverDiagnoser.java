package io.selfheal.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.selfheal.heal.DiagnosisDecision;
import io.selfheal.heal.Incident;
import io.selfheal.heal.IncidentDiagnoser;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.StrategyOption;
import io.selfheal.heal.StrategySuggestion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@code diagnoser} bean. Asks the configured LLM providers in failover order and falls back to the
 * {@link RuleBasedDiagnoser}; with no provider configured it is the rule-based analyzer alone. Every suggestion, from
 * whichever source, gets its final confidence and {@link DiagnosisDecision} from the {@link ConfidenceScorer}.
 *
 * <p>Per provider: a circuit breaker and the shared hourly budget are checked before a call; a transport failure
 * (timeout, 429, 5xx…) moves on to the next provider; an invalid answer or a strategy outside the allow-list gets one
 * retry telling the model what was wrong, and a second bad answer ends in the rule-based analyzer. Valid answers are
 * cached per fingerprint. The model can only name an allow-listed strategy: it never acts, and guardrails stay in
 * healing.
 */
public final class FailoverDiagnoser implements IncidentDiagnoser {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverDiagnoser.class);
    private static final int MAX_ATTEMPTS = 2;

    private final List<ProviderSettings> providers;
    private final Map<String, CircuitBreaker> breakers;
    private final ChatGateway gateway;
    private final PromptBuilder prompts;
    private final AnswerParser parser;
    private final RuleBasedDiagnoser rules;
    private final ConfidenceScorer scorer;
    private final DiagnosisCache cache;
    private final LlmCallAudit audit;
    private final RecentLogLines recentLines;
    private final StrategyHistory history;
    private final LlmSettings settings;

    FailoverDiagnoser(LlmSettings settings, Map<String, CircuitBreaker> breakers, ChatGateway gateway,
                      PromptBuilder prompts, AnswerParser parser, RuleBasedDiagnoser rules, ConfidenceScorer scorer,
                      DiagnosisCache cache, LlmCallAudit audit, RecentLogLines recentLines, StrategyHistory history) {
        this.settings = settings;
        this.providers = settings.providers();
        this.breakers = breakers;
        this.gateway = gateway;
        this.prompts = prompts;
        this.parser = parser;
        this.rules = rules;
        this.scorer = scorer;
        this.cache = cache;
        this.audit = audit;
        this.recentLines = recentLines;
        this.history = history;
    }

    @Override
    public Optional<StrategySuggestion> diagnose(Incident incident, List<StrategyOption> allowed) {
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, PastSuccess> past = history.forFingerprint(incident.fingerprintId());
        Optional<StrategySuggestion> ruleBased = rules.diagnose(incident, allowed);
        if (providers.isEmpty()) {
            return ruleBased.map(s -> fromRules(s, incident, past));
        }
        String optionsKey = DiagnosisCache.optionsKey(allowed);
        Optional<DiagnosisCache.Cached> cached = cache.find(incident.fingerprintId(), optionsKey);
        if (cached.isPresent()) {
            return fromModel(cached.get().answer(), cached.get().source(), incident, allowed, ruleBased, past);
        }
        DiagnosisPrompt prompt = prompts.build(incident, allowed, past,
                recentLines.newest(incident.fingerprintId(), settings.recentLines()));
        for (ProviderSettings provider : providers) {
            ProviderResult result = ask(provider, prompt, incident, allowed);
            if (result.answer() != null) {
                cache.put(incident.fingerprintId(), optionsKey, result.answer(), provider.source());
                return fromModel(result.answer(), provider.source(), incident, allowed, ruleBased, past);
            }
            if (!result.tryNext()) {
                break;
            }
        }
        return ruleBased.map(s -> fromRules(s, incident, past));
    }

    /** One provider: up to two questions (the second says what was wrong with the first answer). */
    private ProviderResult ask(ProviderSettings provider, DiagnosisPrompt prompt, Incident incident,
                               List<StrategyOption> allowed) {
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())));
        CircuitBreaker breaker = breakers.get(provider.name());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            LlmCallAudit.HourlyUsage usage = audit.lastHour();
            if (usage.calls() >= settings.maxCallsPerHour() || usage.tokens() >= settings.maxTokensPerHour()) {
                skipped(provider, attempt, CallOutcome.BUDGET_EXHAUSTED, incident, prompt,
                        "hourly budget spent: " + usage.calls() + " calls, " + usage.tokens() + " tokens");
                // The budget is shared by all providers: asking the next one would spend the same budget.
                return ProviderResult.STOP;
            }
            if (!breaker.tryAcquirePermission()) {
                skipped(provider, attempt, CallOutcome.CIRCUIT_OPEN, incident, prompt, "circuit breaker " + breaker.getState());
                return ProviderResult.NEXT;
            }
            long start = System.nanoTime();
            ChatReply reply;
            try {
                reply = gateway.chat(provider, messages);
            } catch (RuntimeException e) {
                long nanos = System.nanoTime() - start;
                breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
                CallOutcome outcome = CallOutcome.of(e);
                LOG.warn("LLM provider {} failed for incident {} ({}): {}", provider.source(), incident.id(),
                        outcome.code(), e.toString());
                audit.record(new LlmCall(incident.id(), incident.fingerprintId(), provider.name(), provider.model(),
                        attempt, outcome, TimeUnit.NANOSECONDS.toMillis(nanos), null, null, prompt.redactionCounts(),
                        transcript(messages), null, e.toString()));
                return ProviderResult.NEXT;
            }
            long nanos = System.nanoTime() - start;
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            AnswerCheck check = parser.check(reply.text(), allowed);
            audit.record(new LlmCall(incident.id(), incident.fingerprintId(), provider.name(), reply.model(), attempt,
                    check.outcome(), TimeUnit.NANOSECONDS.toMillis(nanos), reply.tokensIn(), reply.tokensOut(),
                    prompt.redactionCounts(), transcript(messages), reply.text(), check.problem()));
            if (check.isValid()) {
                return new ProviderResult(check.answer(), false);
            }
            LOG.info("LLM provider {} gave a rejected answer for incident {} (attempt {}): {}", provider.source(),
                    incident.id(), attempt, check.problem());
            messages.add(AiMessage.from(reply.text() == null || reply.text().isBlank() ? "(empty)" : reply.text()));
            messages.add(UserMessage.from(prompts.retry(prompt, check.problem(), allowed)));
        }
        return ProviderResult.STOP;
    }

    private void skipped(ProviderSettings provider, int attempt, CallOutcome outcome, Incident incident,
                         DiagnosisPrompt prompt, String reason) {
        LOG.info("LLM provider {} not asked for incident {}: {}", provider.source(), incident.id(), reason);
        audit.record(new LlmCall(incident.id(), incident.fingerprintId(), provider.name(), provider.model(), attempt,
                outcome, null, null, null, prompt.redactionCounts(), null, null, reason));
    }

    private Optional<StrategySuggestion> fromModel(DiagnosisAnswer answer, String source, Incident incident,
                                                   List<StrategyOption> allowed, Optional<StrategySuggestion> ruleBased,
                                                   Map<String, PastSuccess> past) {
        if (answer.strategy() == null) {
            LOG.info("LLM {} found no allowed strategy for incident {}: {}", source, incident.id(), answer.rationale());
            return Optional.empty();
        }
        StrategyOption option = allowed.stream().filter(o -> o.name().equals(answer.strategy())).findFirst()
                .orElseThrow(() -> new IllegalStateException("validated strategy not in the allow-list: " + answer.strategy()));
        // A model may see more risk than the strategy declares, never less.
        RiskLevel risk = answer.risk().compareTo(option.risk()) >= 0 ? answer.risk() : option.risk();
        double agreement = ruleBased.map(s -> s.strategy().equals(option.name()) ? 1.0 : 0.0).orElse(ConfidenceScorer.NEUTRAL);
        return Optional.of(scored(option.name(), answer.parameters(), answer.confidence(), agreement, answer.rationale(),
                risk, source, incident, past));
    }

    private StrategySuggestion fromRules(StrategySuggestion suggestion, Incident incident, Map<String, PastSuccess> past) {
        return scored(suggestion.strategy(), suggestion.parameters(), suggestion.confidence(), ConfidenceScorer.NEUTRAL,
                suggestion.rationale(), suggestion.risk(), suggestion.source(), incident, past);
    }

    private StrategySuggestion scored(String strategy, Map<String, String> parameters, double own, double agreement,
                                      String rationale, RiskLevel risk, String source, Incident incident,
                                      Map<String, PastSuccess> past) {
        ConfidenceScorer.Score score = scorer.score(own, agreement, past.getOrDefault(strategy, PastSuccess.NONE), incident);
        return new StrategySuggestion(strategy, parameters, score.value(), rationale + " (" + score.explanation() + ")",
                risk, source, scorer.decide(score.value(), risk));
    }

    private static String transcript(List<ChatMessage> messages) {
        return messages.stream().map(FailoverDiagnoser::render).collect(Collectors.joining("\n\n"));
    }

    private static String render(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return "[system]\n" + system.text();
        }
        if (message instanceof UserMessage user) {
            return "[user]\n" + user.singleText();
        }
        return "[assistant]\n" + ((AiMessage) message).text();
    }

    /**
     * @param answer  the valid answer, or null
     * @param tryNext whether the next provider should be asked (after a transport failure or an open breaker)
     */
    private record ProviderResult(DiagnosisAnswer answer, boolean tryNext) {
        static final ProviderResult NEXT = new ProviderResult(null, true);
        static final ProviderResult STOP = new ProviderResult(null, false);
    }
}
