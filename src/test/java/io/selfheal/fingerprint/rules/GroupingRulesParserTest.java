package io.selfheal.fingerprint.rules;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.fingerprint.stack.StackFrame;
import io.selfheal.ingest.Level;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupingRulesParserTest {
    private static final String FILE = """
            masks:
              - {name: order_id, regex: 'ORD-\\d+'}
            rules:
              - name: db-pool
                match:
                  service: 'orders*'
                  level: error
                  error.type: 'SQLTransientConnectionException'
                  stack.module: 'com.acme.*'
                  stack.function: 'save*'
                fingerprint: [db-pool-exhausted, '{{ service }}']
                title: Database pool exhausted
              - match: {logger: 'com.acme.billing.*', message: '/invoice INV-\\d+ rejected/'}
                masks: [{name: invoice, regex: 'INV-\\d+'}]
              - match: {error.type: network}
                fingerprint: ['{{ default }}', '{{ error.type }}']
            """;

    private static RuleSubject subject(String service, String logger, String exceptionType, ErrorType category,
                                       String message, List<StackFrame> frames) {
        return new RuleSubject(service, logger, Level.ERROR, exceptionType, category, message, frames);
    }

    @Test
    void readsMasksAndRulesInOrder() {
        GroupingRules rules = GroupingRulesParser.parse(FILE);
        assertThat(rules.masks()).extracting(NamedMask::name).containsExactly("order_id");
        assertThat(rules.rules()).extracting(GroupingRule::name).containsExactly("db-pool", "#2", "#3");
        assertThat(rules.mask("order ORD-17 failed", null)).isEqualTo("order <order_id> failed");
    }

    @Test
    void frameConditionsMustHoldOnOneInAppFrame() {
        GroupingRules rules = GroupingRulesParser.parse(FILE);
        StackFrame library = new StackFrame("com.zaxxer.hikari.pool.HikariPool", "createTimeoutException", null, 1, false);
        StackFrame save = new StackFrame("com.acme.orders.OrderRepository", "save", null, 41, true);
        StackFrame place = new StackFrame("com.acme.orders.OrderService", "place", null, 88, true);
        String type = "java.sql.SQLTransientConnectionException";
        assertThat(rules.firstMatch(subject("orders-eu", "x", type, ErrorType.DATABASE, "m", List.of(library, save))))
                .map(GroupingRule::name).contains("db-pool");
        assertThat(rules.firstMatch(subject("orders-eu", "x", type, ErrorType.DATABASE, "m", List.of(library, place))))
                .isEmpty();
        assertThat(rules.firstMatch(subject("billing", "x", type, ErrorType.DATABASE, "m", List.of(save))))
                .isEmpty();
    }

    @Test
    void messageRegexAndErrorCategoryMatch() {
        GroupingRules rules = GroupingRulesParser.parse(FILE);
        GroupingRule invoice = rules.firstMatch(subject("billing", "com.acme.billing.Api", null, ErrorType.UNKNOWN,
                "invoice INV-42 rejected by bank", List.of())).orElseThrow();
        assertThat(rules.mask("invoice INV-42 rejected by bank", invoice)).isEqualTo("invoice <invoice> rejected by bank");
        assertThat(rules.firstMatch(subject("billing", "com.acme.billing.Api", null, ErrorType.UNKNOWN,
                "invoice rejected", List.of()))).isEmpty();

        GroupingRule network = rules.firstMatch(subject("gateway", null, null, ErrorType.NETWORK, "timed out",
                List.of())).orElseThrow();
        assertThat(network.resolve(Map.of("default", "abc", "error.type", "network")))
                .containsExactly("abc", "network");
    }

    @Test
    void anEmptyFileHasNoRules() {
        assertThat(GroupingRulesParser.parse("")).isEqualTo(GroupingRules.NONE);
        assertThat(GroupingRulesParser.parse("# nothing yet\n").isEmpty()).isTrue();
    }

    @Test
    void mistakesAreRefusedWithTheirPlace() {
        assertThatThrownBy(() -> GroupingRulesParser.parse("rules: [{match: {servce: x}, fingerprint: [a]}]"))
                .hasMessageContaining("unknown key 'servce'");
        assertThatThrownBy(() -> GroupingRulesParser.parse("rules: [{name: r, match: {service: x}}]"))
                .hasMessageContaining("rule r has neither a fingerprint nor masks");
        assertThatThrownBy(() -> GroupingRulesParser.parse("masks: [{name: m, regex: '(['}]"))
                .hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> GroupingRulesParser.parse("rules: [{fingerprint: ['{{ transaction }}']}]"))
                .hasMessageContaining("unknown variable {{ transaction }}");
        assertThatThrownBy(() -> GroupingRulesParser.parse("rules: [{fingerprint: [a]\n"))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void globsMatchWholeValues() {
        assertThat(Glob.of("com.acme.*").matches("com.acme.orders.Repo")).isTrue();
        assertThat(Glob.of("com.acme.*").matches("org.com.acme.x")).isFalse();
        assertThat(Glob.of("a?c").matches("abc")).isTrue();
        assertThat(Glob.of("a.c").matches("abc")).isFalse();
        assertThat(MessagePattern.parse("/timeout after \\d+/").matches("a timeout after 30 s")).isTrue();
    }
}
