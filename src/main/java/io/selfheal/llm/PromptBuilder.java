package io.selfheal.llm;

import io.selfheal.heal.Incident;
import io.selfheal.heal.StrategyOption;
import io.selfheal.ingest.parse.TextLimits;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns an incident and its context into the prompt: every value that comes from logs is redacted, then placed inside
 * the untrusted-data fence; Selfheal's own figures and the allow-list stay outside it.
 */
final class PromptBuilder {
    private final PromptTemplates templates;
    private final Redactor redactor;
    private final int maxLineChars;
    private final int maxStackChars;

    PromptBuilder(PromptTemplates templates, Redactor redactor, int maxLineChars, int maxStackChars) {
        this.templates = templates;
        this.redactor = redactor;
        this.maxLineChars = maxLineChars;
        this.maxStackChars = maxStackChars;
    }

    DiagnosisPrompt build(Incident incident, List<StrategyOption> allowed, Map<String, PastSuccess> history,
                          List<RecentLine> recent) {
        Redaction redaction = redactor.session();
        UntrustedFence fence = UntrustedFence.random();
        Map<String, String> values = new HashMap<>();
        values.put("fence_open", fence.open());
        values.put("fence_close", fence.close());
        values.put("incident_id", String.valueOf(incident.id()));
        values.put("error_type", incident.errorType().code());
        values.put("severity", incident.severity() == null ? "unknown" : incident.severity().code());
        values.put("occurrences", String.valueOf(incident.occurrences()));
        values.put("rate_per_minute", String.format(Locale.ROOT, "%.2f", incident.ratePerMinute()));
        values.put("baseline_rate", String.format(Locale.ROOT, "%.2f", incident.baselineRate()));
        values.put("detected_at", String.valueOf(incident.detectedAt()));
        values.put("strategies", strategies(allowed, history));
        values.put("service", untrusted(redaction, incident.service(), maxLineChars));
        values.put("template", untrusted(redaction, incident.template(), maxLineChars));
        values.put("exception_type", untrusted(redaction, incident.exceptionType(), maxLineChars));
        values.put("labels", untrusted(redaction, labels(incident.labels()), maxLineChars * 2));
        values.put("stack_excerpt", untrusted(redaction, incident.stackExcerpt(), maxStackChars));
        values.put("recent_lines", recent.isEmpty() ? "(none stored)" : recent.stream()
                .map(line -> line.ts() + " " + line.level() + " " + untrusted(redaction, line.message(), maxLineChars))
                .collect(Collectors.joining("\n")));
        String system = templates.system().render(values);
        String user = templates.diagnosis().render(values);
        return new DiagnosisPrompt(system, user, redaction);
    }

    /** The message sent after a rejected answer; the problem may quote the model, so it is redacted too. */
    String retry(DiagnosisPrompt prompt, String problem, List<StrategyOption> allowed) {
        return templates.retry().render(Map.of(
                "problem", prompt.redaction().apply(problem),
                "strategy_names", allowed.stream().map(StrategyOption::name).collect(Collectors.joining(", "))));
    }

    /** Redacted before it is capped, so a secret straddling the cap is never sent in part. */
    private static String untrusted(Redaction redaction, String text, int maxChars) {
        if (text == null || text.isBlank()) {
            return "(none)";
        }
        return UntrustedFence.neutralize(TextLimits.cap(redaction.apply(text), maxChars));
    }

    private static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String strategies(List<StrategyOption> allowed, Map<String, PastSuccess> history) {
        StringBuilder out = new StringBuilder();
        for (StrategyOption option : allowed) {
            PastSuccess here = history.getOrDefault(option.name(), PastSuccess.NONE);
            out.append("- ").append(option.name()).append(": ").append(option.description())
                    .append(" | for: ").append(option.applicableTo().isEmpty() ? "any error type"
                            : option.applicableTo().stream().map(t -> t.code()).sorted().collect(Collectors.joining(", ")))
                    .append(" | risk: ").append(option.risk().name().toLowerCase(Locale.ROOT))
                    .append(" | past success: ")
                    .append(option.attempts() == 0 ? "never tried"
                            : String.format(Locale.ROOT, "%.0f%% of %d attempts", option.successRate() * 100, option.attempts()))
                    .append(here.attempts() == 0 ? "" : String.format(Locale.ROOT, ", %d of %d for this error",
                            here.verified(), here.attempts()))
                    .append('\n');
        }
        return out.toString().stripTrailing();
    }
}
