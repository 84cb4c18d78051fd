package io.selfheal.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a suggestion's confidence, read back from the explanation the diagnoser appends to its rationale
 * ("confidence 0.71 = own 0.80, agreement 1.00, past success here 3/4, evidence 0.62"), so the API shows them as
 * numbers with their weights instead of a sentence.
 */
final class ConfidenceBreakdown {
    private static final Pattern EXPLANATION = Pattern.compile(
            "confidence ([0-9.]+) = own ([0-9.]+), agreement ([0-9.]+), past success here (\\d+)/(\\d+), evidence ([0-9.]+)");

    private ConfidenceBreakdown() {
    }

    /** @return the parts, or an empty map when the rationale carries no explanation (e.g. a rule-only suggestion) */
    static Map<String, Object> of(String rationale) {
        Map<String, Object> parts = new LinkedHashMap<>();
        if (rationale == null) {
            return parts;
        }
        Matcher m = EXPLANATION.matcher(rationale);
        if (!m.find()) {
            return parts;
        }
        parts.put("confidence", number(m.group(1)));
        parts.put("own", part(0.40, number(m.group(2))));
        parts.put("agreement", part(0.25, number(m.group(3))));
        long verified = Long.parseLong(m.group(4));
        long attempts = Long.parseLong(m.group(5));
        Map<String, Object> past = part(0.20, (verified + 1.0) / (attempts + 2.0));
        past.put("verified", verified);
        past.put("attempts", attempts);
        parts.put("pastSuccess", past);
        parts.put("evidence", part(0.15, number(m.group(6))));
        return parts;
    }

    private static Map<String, Object> part(double weight, double value) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("weight", weight);
        part.put("value", value);
        part.put("contribution", Math.round(weight * value * 1000) / 1000.0);
        return part;
    }

    private static double number(String text) {
        return Double.parseDouble(text.toLowerCase(Locale.ROOT));
    }
}
