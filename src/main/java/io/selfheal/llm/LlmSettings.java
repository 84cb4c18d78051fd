package io.selfheal.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code selfheal.llm.*} settings. Keys are read from the environment only ({@code SELFHEAL_LLM_API_KEY} for the
 * primary provider, else {@code OPENAI_API_KEY} / {@code GITHUB_TOKEN}), never from a properties file.
 *
 * @param providers          the LLM providers to try, in failover order (empty = rule-based only)
 * @param timeout            per-call timeout
 * @param temperature        sampling temperature
 * @param maxAnswerTokens    cap on tokens a model may generate per answer
 * @param promptDir          directory whose templates override the packaged ones, or null
 * @param recentLines        how many recent log lines of the fingerprint go into the prompt
 * @param maxLineChars       cap per recent line / label value
 * @param maxStackChars      cap for the stack-trace excerpt
 * @param cacheTtl           how long an answer is reused for the same fingerprint
 * @param maxCallsPerHour    calls allowed per hour, all instances together
 * @param maxTokensPerHour   tokens (in + out) allowed per hour, all instances together
 * @param breakerMinimumCalls calls a circuit breaker needs before it may open
 * @param breakerFailureRate failure percentage that opens it
 * @param breakerOpenFor     how long an open breaker rejects calls
 * @param actThreshold       final confidence at or above which the router may act
 * @param approveThreshold   final confidence at or above which it asks for approval (below: notify only)
 * @param redaction          what the redactor removes beyond its built-in rules
 */
public record LlmSettings(List<ProviderSettings> providers, Duration timeout, double temperature, int maxAnswerTokens,
                          String promptDir, int recentLines, int maxLineChars, int maxStackChars, Duration cacheTtl,
                          int maxCallsPerHour, long maxTokensPerHour, int breakerMinimumCalls, float breakerFailureRate,
                          Duration breakerOpenFor, double actThreshold, double approveThreshold,
                          RedactionSettings redaction) {

    public static final String NONE = "none";
    private static final Set<String> PROVIDERS = Set.of("openai", "github", "ollama");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    public LlmSettings {
        providers = List.copyOf(providers);
        if (approveThreshold > actThreshold) {
            throw new IllegalArgumentException("selfheal.llm.approve-threshold (" + approveThreshold
                    + ") must not exceed selfheal.llm.act-threshold (" + actThreshold + ")");
        }
    }

    /**
     * @param properties resolved {@code selfheal.*} properties
     * @param env        the process environment (only consulted for API keys)
     */
    public static LlmSettings from(Function<String, Optional<String>> properties, Function<String, String> env) {
        Reader read = new Reader(properties);
        String primary = read.required("selfheal.llm.provider").trim().toLowerCase(Locale.ROOT);
        if (!primary.equals(NONE) && !PROVIDERS.contains(primary)) {
            throw new IllegalArgumentException("selfheal.llm.provider must be openai, github, ollama or none, not " + primary);
        }
        List<ProviderSettings> providers = new ArrayList<>();
        if (!primary.equals(NONE)) {
            for (String name : chain(primary, read.optional("selfheal.llm.failover"))) {
                providers.add(provider(name, name.equals(primary), read, env));
            }
        }
        return new LlmSettings(providers,
                read.duration("selfheal.llm.timeout"),
                read.fraction("selfheal.llm.temperature", 2),
                read.positive("selfheal.llm.max-answer-tokens"),
                read.optional("selfheal.llm.prompt-dir"),
                read.positive("selfheal.llm.context.recent-lines"),
                read.positive("selfheal.llm.context.max-line-chars"),
                read.positive("selfheal.llm.context.max-stack-chars"),
                read.duration("selfheal.llm.cache-ttl"),
                read.positive("selfheal.llm.max-calls-per-hour"),
                read.positive("selfheal.llm.max-tokens-per-hour"),
                read.positive("selfheal.llm.circuit-breaker.minimum-calls"),
                (float) read.fraction("selfheal.llm.circuit-breaker.failure-rate", 100),
                read.duration("selfheal.llm.circuit-breaker.open-duration"),
                read.fraction("selfheal.llm.act-threshold", 1),
                read.fraction("selfheal.llm.approve-threshold", 1),
                new RedactionSettings(Boolean.parseBoolean(read.required("selfheal.llm.redact.ips")),
                        RedactionSettings.splitPatterns(read.optional("selfheal.llm.redact.extra-patterns"))));
    }

    /** The primary provider first, then the failover entries not yet listed; {@code rule-based} ends every chain. */
    private static Set<String> chain(String primary, String failover) {
        Set<String> names = new LinkedHashSet<>();
        names.add(primary);
        if (failover != null) {
            for (String entry : failover.split(",")) {
                String name = entry.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty() || name.equals(RuleBasedDiagnoser.SOURCE)) {
                    continue;
                }
                if (!PROVIDERS.contains(name)) {
                    throw new IllegalArgumentException("selfheal.llm.failover: unknown provider '" + name
                            + "' (known: openai, github, ollama, rule-based)");
                }
                names.add(name);
            }
        }
        return names;
    }

    private static ProviderSettings provider(String name, boolean primary, Reader read, Function<String, String> env) {
        String model = primary ? read.optional("selfheal.llm.model") : null;
        String baseUrl = primary ? read.optional("selfheal.llm.base-url") : null;
        model = model != null ? model : read.required("selfheal.llm." + name + ".model");
        baseUrl = baseUrl != null ? baseUrl : read.required("selfheal.llm." + name + ".base-url");
        String key = null;
        if (!name.equals("ollama")) {
            String vendorVariable = name.equals("openai") ? "OPENAI_API_KEY" : "GITHUB_TOKEN";
            key = primary ? firstSet(env, "SELFHEAL_LLM_API_KEY", vendorVariable) : firstSet(env, vendorVariable);
            if (key == null) {
                throw new IllegalStateException("LLM provider " + name + " needs an API key in the environment: "
                        + (primary ? "SELFHEAL_LLM_API_KEY or " : "") + vendorVariable);
            }
        }
        return new ProviderSettings(name, model, baseUrl, key);
    }

    private static String firstSet(Function<String, String> env, String... names) {
        return Arrays.stream(names).map(env).filter(v -> v != null && !v.isBlank()).map(String::trim)
                .findFirst().orElse(null);
    }

    /** Reads {@code 30s}, {@code 1500ms}, {@code 10m}, {@code 6h}; a bare number is seconds. */
    static Duration parseDuration(String key, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key + ": not a duration (e.g. 30s, 1500ms, 10m, 6h): " + text);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private record Reader(Function<String, Optional<String>> properties) {
        String optional(String key) {
            return properties.apply(key).filter(v -> !v.isBlank()).map(String::trim).orElse(null);
        }

        String required(String key) {
            String value = optional(key);
            if (value == null) {
                throw new IllegalStateException("Missing setting " + key);
            }
            return value;
        }

        int positive(String key) {
            try {
                int value = Integer.parseInt(required(key));
                if (value <= 0) {
                    throw new IllegalArgumentException(key + " must be positive: " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": not a whole number: " + required(key), e);
            }
        }

        double fraction(String key, double max) {
            try {
                double value = Double.parseDouble(required(key));
                if (value < 0 || value > max) {
                    throw new IllegalArgumentException(key + " must be within 0.." + max + ": " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": not a number: " + required(key), e);
            }
        }

        Duration duration(String key) {
            return parseDuration(key, required(key));
        }
    }
}
