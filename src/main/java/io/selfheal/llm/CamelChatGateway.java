package io.selfheal.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

import java.util.List;

/**
 * Sends conversations through the {@code direct:llm-chat} route (routes/llm-diagnosis.yaml), whose
 * {@code langchain4j-chat} endpoint for the provider named in the {@value #PROVIDER_HEADER} header talks to the model.
 */
final class CamelChatGateway implements ChatGateway {
    static final String ENDPOINT = "direct:llm-chat";
    static final String PROVIDER_HEADER = "llmProvider";

    private final CamelContext camel;
    private final UsageRecorder usage;
    private volatile ProducerTemplate template;

    CamelChatGateway(CamelContext camel, UsageRecorder usage) {
        this.camel = camel;
        this.usage = usage;
    }

    @Override
    public ChatReply chat(ProviderSettings provider, List<ChatMessage> messages) {
        usage.clear();
        String text;
        try {
            text = template().requestBodyAndHeader(ENDPOINT, messages, PROVIDER_HEADER, provider.name(), String.class);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        ChatResponse response = usage.take();
        TokenUsage tokens = response == null ? null : response.tokenUsage();
        String model = response != null && response.modelName() != null ? response.modelName() : provider.model();
        return new ChatReply(text, model, tokens == null ? null : tokens.inputTokenCount(),
                tokens == null ? null : tokens.outputTokenCount());
    }

    /** Created on first use: the gateway is wired before the Camel context has started. */
    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
