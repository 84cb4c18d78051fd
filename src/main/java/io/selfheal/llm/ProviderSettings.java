package io.selfheal.llm;

/**
 * How to reach one LLM provider.
 *
 * @param name        {@code openai}, {@code github} or {@code ollama}
 * @param model       model name as the provider knows it
 * @param baseUrl     API base URL
 * @param apiKey      the key read from the environment (null for Ollama); never logged, never stored
 */
public record ProviderSettings(String name, String model, String baseUrl, String apiKey) {

    /** The source written into suggestions and the audit: provider and model, never the key. */
    public String source() {
        return name + ":" + model;
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + source() + " at " + baseUrl + (apiKey == null ? "" : ", key set") + "]";
    }
}
