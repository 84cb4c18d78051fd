package io.selfheal.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.apache.camel.CamelExecutionException;

import java.util.List;

/**
 * Sends conversations through the {@code direct:llm-chat} route (routes/llm-diagnosis.yaml), whose
 * {@code langchain4j-chat} endpoint for the provider named in the {@value #PROVIDER_HEADER} header talks to the model.
 */
final class CamelChatGateway implements ChatGateway {
    static final String ENDPOINT = "direct:llm-chat";
    static final String PROVIDER_HEADER = "llmProvider";

    private final LazyProducerTemplate template;
    private final UsageRecorder usage;

    CamelChatGateway(LazyProducerTemplate template, UsageRecorder usage) {
        this.template = template;
        this.usage = usage;
    }

    @Override
    public ChatReply chat(ProviderSettings provider, List<ChatMessage> messages) {
        usage.clear();
        String text;
        try {
            text = template.get().requestBodyAndHeader(ENDPOINT, messages, PROVIDER_HEADER, provider.name(), String.class);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        ChatResponse response = usage.take();
        TokenUsage tokens = response == null ? null : response.tokenUsage();
        String model = response != null && response.modelName() != null ? response.modelName() : provider.model();
        return new ChatReply(text, model, tokens == null ? null : tokens.inputTokenCount(),
                tokens == null ? null : tokens.outputTokenCount());
    }
}
