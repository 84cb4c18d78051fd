package io.selfheal.llm;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/** Sends one conversation to one provider; throws the client's exception when the provider fails. */
interface ChatGateway {
    ChatReply chat(ProviderSettings provider, List<ChatMessage> messages);
}
