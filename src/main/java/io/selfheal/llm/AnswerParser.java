package io.selfheal.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.StrategyOption;
import io.selfheal.ingest.parse.TextLimits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a model's reply against the answer schema. This is the guardrail between the model and Selfheal: only an
 * allow-listed strategy name, a bounded set of scalar parameters and a known risk level get through, and the
 * parameter keys Selfheal itself uses ({@code selfheal.*}) cannot be set by a model.
 */
final class AnswerParser {
    static final String NONE = "none";
    private static final Pattern PARAMETER_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_PARAMETERS = 10;
    private static final int MAX_PARAMETER_CHARS = 200;
    private static final int MAX_RATIONALE_CHARS = 1000;

    private final ObjectMapper json;

    AnswerParser(ObjectMapper json) {
        this.json = json;
    }

    AnswerCheck check(String reply, List<StrategyOption> allowed) {
        if (reply == null || reply.isBlank()) {
            return AnswerCheck.invalid("the answer was empty");
        }
        JsonNode root;
        try {
            root = json.readTree(jsonPart(reply));
        } catch (JsonProcessingException e) {
            return AnswerCheck.invalid("the answer was not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            return AnswerCheck.invalid("the answer must be one JSON object");
        }
        JsonNode strategy = root.get("strategy");
        if (strategy == null || !strategy.isTextual()) {
            return AnswerCheck.invalid("\"strategy\" must be a string");
        }
        String name = strategy.asText().trim();
        boolean none = name.equalsIgnoreCase(NONE);
        if (!none && allowed.stream().noneMatch(option -> option.name().equals(name))) {
            return AnswerCheck.unknownStrategy("strategy '" + TextLimits.cap(name, 80) + "' is not in the allow-list ("
                    + allowed.stream().map(StrategyOption::name).collect(Collectors.joining(", ")) + ")");
        }
        JsonNode confidence = root.get("confidence");
        if (confidence == null || !confidence.isNumber() || confidence.asDouble() < 0 || confidence.asDouble() > 1) {
            return AnswerCheck.invalid("\"confidence\" must be a number from 0 to 1");
        }
        RiskLevel risk = risk(root.get("risk"));
        if (risk == null) {
            return AnswerCheck.invalid("\"risk\" must be one of low, medium, high");
        }
        JsonNode rationale = root.get("rationale");
        if (rationale == null || !rationale.isTextual() || rationale.asText().isBlank()) {
            return AnswerCheck.invalid("\"rationale\" must be a non-empty string");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String problem = parameters(root.get("parameters"), parameters);
        if (problem != null) {
            return AnswerCheck.invalid(problem);
        }
        return AnswerCheck.valid(new DiagnosisAnswer(none ? null : name, parameters,
                TextLimits.cap(rationale.asText().trim(), MAX_RATIONALE_CHARS), confidence.asDouble(), risk));
    }

    /** Tolerates a Markdown code fence or a sentence around the object, which some models add despite JSON mode. */
    private static String jsonPart(String reply) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        return start >= 0 && end > start ? reply.substring(start, end + 1) : reply;
    }

    private static RiskLevel risk(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        return switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
            case "low" -> RiskLevel.LOW;
            case "medium" -> RiskLevel.MEDIUM;
            case "high" -> RiskLevel.HIGH;
            default -> null;
        };
    }

    private static String parameters(JsonNode node, Map<String, String> into) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            return "\"parameters\" must be a JSON object";
        }
        if (node.size() > MAX_PARAMETERS) {
            return "at most " + MAX_PARAMETERS + " parameters are allowed";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (!PARAMETER_KEY.matcher(key).matches() || key.toLowerCase(Locale.ROOT).startsWith("selfheal")) {
                return "parameter name '" + TextLimits.cap(key, 64) + "' is not allowed";
            }
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull() || value.asText().length() > MAX_PARAMETER_CHARS) {
                return "parameter '" + key + "' must be a string, number or boolean of at most "
                        + MAX_PARAMETER_CHARS + " characters";
            }
            into.put(key, value.asText());
        }
        return null;
    }
}
