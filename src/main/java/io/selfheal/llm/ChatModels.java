package io.selfheal.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.util.List;

/**
 * Builds the LangChain4j chat model of a provider. All ask for JSON output (OpenAI-style {@code json_object}, Ollama's
 * {@code format: json}); the clients' own retries are off because Selfheal decides retries and failover itself.
 */
final class ChatModels {
    private ChatModels() {
    }

    static ChatModel build(ProviderSettings provider, LlmSettings settings, UsageRecorder usage) {
        return switch (provider.name()) {
            // GitHub Models speaks the OpenAI protocol; only the base URL and token differ.
            case "openai", "github" -> OpenAiChatModel.builder()
                    .baseUrl(provider.baseUrl())
                    .apiKey(provider.apiKey())
                    .modelName(provider.model())
                    .temperature(settings.temperature())
                    .maxTokens(settings.maxAnswerTokens())
                    .responseFormat(ResponseFormat.JSON)
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .listeners(List.of(usage))
                    .build();
            case "ollama" -> OllamaChatModel.builder()
                    .baseUrl(provider.baseUrl())
                    .modelName(provider.model())
                    .temperature(settings.temperature())
                    .numPredict(settings.maxAnswerTokens())
                    .responseFormat(ResponseFormat.JSON)
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .listeners(List.of(usage))
                    .build();
            default -> throw new IllegalArgumentException("Unknown LLM provider " + provider.name());
        };
    }
}
