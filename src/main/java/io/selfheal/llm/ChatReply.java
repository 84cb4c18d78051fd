package io.selfheal.llm;

/**
 * What a provider answered.
 *
 * @param text      the assistant message text
 * @param model     the model that answered, as reported by the provider (or the configured one)
 * @param tokensIn  prompt tokens, or null when the provider did not say
 * @param tokensOut completion tokens, or null when the provider did not say
 */
record ChatReply(String text, String model, Integer tokensIn, Integer tokensOut) {
    long tokens() {
        return (tokensIn == null ? 0 : tokensIn) + (tokensOut == null ? 0 : tokensOut);
    }
}
