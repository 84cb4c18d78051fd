package io.selfheal.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.selfheal.observe.SelfhealMetrics;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Binds the {@code diagnoser} bean and one {@code llmChatModel-<provider>} chat model per configured provider (used
 * by routes/llm-diagnosis.yaml).
 */
public final class DiagnosisWiring {
    public static final String DIAGNOSER_BEAN = "diagnoser";
    public static final String CHAT_MODEL_BEAN_PREFIX = "llmChatModel-";
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosisWiring.class);

    private DiagnosisWiring() {
    }

    /**
     * @param properties resolved {@code selfheal.*} properties
     * @param env        the process environment, the only place API keys are read from
     */
    public static FailoverDiagnoser bind(CamelContext camel, Function<String, Optional<String>> properties,
                                         Function<String, String> env, DataSource dataSource, ObjectMapper json) {
        LlmSettings settings = LlmSettings.from(properties, env);
        UsageRecorder usage = new UsageRecorder();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .slidingWindowSize(Math.max(10, settings.breakerMinimumCalls()))
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
        LazyProducerTemplate routes = new LazyProducerTemplate(camel);
        Map<String, CircuitBreaker> breakers = new HashMap<>();
        for (ProviderSettings provider : settings.providers()) {
            camel.getRegistry().bind(CHAT_MODEL_BEAN_PREFIX + provider.name(), ChatModels.build(provider, settings, usage));
            breakers.put(provider.name(), CircuitBreaker.of("llm-" + provider.name(), breakerConfig));
        }
        FailoverDiagnoser diagnoser = new FailoverDiagnoser(settings, breakers, new CamelChatGateway(routes, usage),
                new PromptBuilder(PromptTemplates.load(settings.promptDir()), new Redactor(settings.redaction()),
                        settings.maxLineChars(), settings.maxStackChars()),
                new AnswerParser(json), new RuleBasedDiagnoser(),
                new ConfidenceScorer(settings.actThreshold(), settings.approveThreshold()),
                new DiagnosisCache(dataSource, json, settings.cacheTtl()), new LlmCallAudit(dataSource, routes, json, metrics(camel)),
                new RecentLogLines(dataSource), new StrategyHistory(dataSource));
        camel.getRegistry().bind(DIAGNOSER_BEAN, diagnoser);
        LOG.info("Diagnosis: {}", settings.providers().isEmpty() ? "rule-based (no LLM configured)"
                : settings.providers().stream().map(ProviderSettings::source).collect(Collectors.joining(" -> "))
                + " -> rule-based");
        return diagnoser;
    }

    private static SelfhealMetrics metrics(CamelContext camel) {
        SelfhealMetrics metrics = camel.getRegistry().lookupByNameAndType("selfhealMetrics", SelfhealMetrics.class);
        if (metrics == null) {
            throw new IllegalStateException("the selfhealMetrics bean must be bound before the diagnosis");
        }
        return metrics;
    }
}
