package io.selfheal.llm;

import java.util.Map;

/**
 * A redacted, fenced prompt ready to send.
 *
 * @param system     the system message (rules; no log data)
 * @param user       the user message (log data redacted and fenced)
 * @param redaction  the placeholder mapping, reused for the retry message so placeholders stay consistent
 */
record DiagnosisPrompt(String system, String user, Redaction redaction) {
    Map<String, Integer> redactionCounts() {
        return redaction.counts();
    }
}
