package io.selfheal.llm;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.observe.SelfhealMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The real routes/llm-diagnosis.yaml: its langchain4j-chat endpoint talks to a local server speaking OpenAI's chat
 * completions through the chat model the application builds, and its llm-audit route writes llm_calls rows in the
 * test PostgreSQL.
 */
class LlmRouteTest extends YamlRouteTestSupport {
    private static final String ANSWER = "{\"strategy\":\"restart-service\",\"confidence\":0.8}";

    private FakeLlmServer openai;
    private MockEndpoint replies;

    @BeforeEach
    void startRoutes() throws Exception {
        openai = new FakeLlmServer(FakeLlmServer.Protocol.OPENAI);
        Map<String, String> properties = DiagnoserHarness.properties(Map.of("selfheal.llm.provider", "openai",
                "selfheal.llm.base-url", openai.baseUrl(), "selfheal.llm.timeout", "5s"));
        LlmSettings settings = LlmSettings.from(key -> Optional.ofNullable(properties.get(key)),
                Map.of("SELFHEAL_LLM_API_KEY", "sk-route-test")::get);
        context.getRegistry().bind(DiagnosisWiring.CHAT_MODEL_BEAN_PREFIX + "openai",
                ChatModels.build(settings.providers().get(0), settings, new UsageRecorder()));
        context.getRegistry().bind("dataSource", TestDatabase.get().dataSource());
        load("classpath:routes/llm-diagnosis.yaml");
        AdviceWith.adviceWith(context, "llm-chat", route -> route.weaveAddLast().to("mock:replies"));
        context.start();
        replies = getMockEndpoint("mock:replies");
    }

    @AfterEach
    void stopServer() {
        openai.close();
    }

    @Test
    void theModelsAnswerIsTheReply() throws Exception {
        openai.answer(ANSWER);
        replies.expectedBodiesReceived(ANSWER);

        String reply = template.requestBodyAndHeader("direct:llm-chat", conversation(), CamelChatGateway.PROVIDER_HEADER,
                "openai", String.class);

        assertThat(reply).isEqualTo(ANSWER);
        replies.assertIsSatisfied();
        assertThat(openai.requests()).hasSize(1);
        FakeLlmServer.Request request = openai.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.authorization()).isEqualTo("Bearer sk-route-test");
        assertThat(request.body()).contains("You diagnose incidents.").contains("request timed out after <NUM>ms");
    }

    @Test
    void aRateLimitReachesTheDiagnoser() throws Exception {
        openai.fail(429);
        replies.expectedMessageCount(0);

        CamelExecutionException failure = catchThrowableOfType(CamelExecutionException.class, () -> template
                .requestBodyAndHeader("direct:llm-chat", conversation(), CamelChatGateway.PROVIDER_HEADER, "openai"));

        // The diagnoser classifies the failure to decide whether the next provider is asked.
        assertThat(CallOutcome.of(failure.getCause())).isEqualTo(CallOutcome.RATE_LIMITED);
        replies.assertIsSatisfied();
    }

    /** A new list each time, as the diagnoser sends: the langchain4j-chat endpoint writes into it. */
    private static List<ChatMessage> conversation() {
        return new ArrayList<>(List.of(SystemMessage.from("You diagnose incidents."),
                UserMessage.from("HikariPool-1 - Connection is not available, request timed out after <NUM>ms.")));
    }

    @Test
    void everyCallIsAuditedThroughTheAuditRoute() {
        TestDatabase.get().reset();
        LlmCallAudit audit = new LlmCallAudit(TestDatabase.get().dataSource(), new LazyProducerTemplate(context),
                new ObjectMapper(), new SelfhealMetrics(new SimpleMeterRegistry()));

        audit.record(new LlmCall(42, "fp-42", "openai", "gpt-4.1-mini", 1, CallOutcome.ANSWERED, 812L, 700, 50,
                Map.of("email", 2), "[user]\nPool exhausted for <EMAIL>", ANSWER, null));
        // A call Selfheal chose not to make: no latency, tokens, prompt or response.
        audit.record(new LlmCall(42, "fp-42", "openai", "gpt-4.1-mini", 2, CallOutcome.BUDGET_EXHAUSTED, null, null, null,
                Map.of(), null, null, "hourly budget spent: 60 calls, 0 tokens"));

        assertThat(DiagnoserHarness.text("""
                SELECT concat_ws('|', incident_id, fingerprint_id, attempt, outcome, latency_ms, tokens_in, tokens_out,
                                 redactions, prompt_redacted, response, error)
                FROM llm_calls ORDER BY id""")).isEqualTo("""
                42|fp-42|1|answered|812|700|50|{"email": 2}|[user]
                Pool exhausted for <EMAIL>|%s
                42|fp-42|2|budget_exhausted|{}|hourly budget spent: 60 calls, 0 tokens
                """.formatted(ANSWER));
        assertThat(audit.lastHour()).isEqualTo(new LlmCallAudit.HourlyUsage(1, 750));
    }
}
