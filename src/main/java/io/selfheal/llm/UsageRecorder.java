package io.selfheal.llm;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Catches the full {@link ChatResponse} (model name, token usage) that the langchain4j-chat endpoint reduces to the
 * answer text. A chat model calls its listeners on the calling thread, and {@code direct:} runs the route on the
 * caller's thread, so a thread-local hands the response back to the {@link CamelChatGateway} call that caused it.
 */
final class UsageRecorder implements ChatModelListener {
    private final ThreadLocal<ChatResponse> last = new ThreadLocal<>();

    @Override
    public void onResponse(ChatModelResponseContext context) {
        last.set(context.chatResponse());
    }

    void clear() {
        last.remove();
    }

    /** The response recorded on this thread since {@link #clear()}, or null. */
    ChatResponse take() {
        ChatResponse response = last.get();
        last.remove();
        return response;
    }
}
