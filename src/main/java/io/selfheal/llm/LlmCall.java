package io.selfheal.llm;

import java.util.Map;

/**
 * One audit row of {@code llm_calls}.
 *
 * @param incidentId     the incident diagnosed
 * @param fingerprintId  its fingerprint
 * @param provider       openai, github or ollama
 * @param model          the model that answered (or was configured)
 * @param attempt        1, or 2 for the retry
 * @param outcome        how it ended
 * @param latencyMillis  time spent, or null when no call was made
 * @param tokensIn       prompt tokens reported by the provider, or null
 * @param tokensOut      completion tokens reported by the provider, or null
 * @param redactions     values replaced per kind
 * @param promptRedacted the conversation as sent (redacted), or null when nothing was sent
 * @param response       the reply text, or null
 * @param error          the failure or the rejection reason, or null
 */
record LlmCall(long incidentId, String fingerprintId, String provider, String model, int attempt, CallOutcome outcome,
               Long latencyMillis, Integer tokensIn, Integer tokensOut, Map<String, Integer> redactions,
               String promptRedacted, String response, String error) {
}
