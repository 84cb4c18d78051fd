package io.selfheal.routes;

import io.selfheal.fingerprint.rules.GroupingRulesFile;
import io.selfheal.store.GroupingState;
import io.selfheal.testing.TestDatabase;
import io.selfheal.testing.YamlRouteTestSupport;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real routes/grouping-sync.yaml, its timer replaced by a direct endpoint: one tick reloads a changed rules file
 * and reads the merges another instance stored in the test PostgreSQL.
 */
class GroupingSyncRouteTest extends YamlRouteTestSupport {
    @TempDir
    Path config;

    private GroupingRulesFile rules;
    private GroupingState state;

    @BeforeEach
    void startRoutes() throws Exception {
        TestDatabase.get().reset();
        errorGroup("00000000000000a1", "orders", "database", "Pool <*> exhausted");
        errorGroup("00000000000000a2", "orders", "database", "Pool exhausted");
        rules = new GroupingRulesFile(config.resolve("grouping-rules.yaml"));
        state = groupingState();
        context.getRegistry().bind("groupingRules", rules);
        context.getRegistry().bind("groupingState", state);
        useAppProperties(Map.of("selfheal.grouping.sync-interval-ms", "3600000"));
        load("classpath:routes/grouping-sync.yaml");
        AdviceWith.adviceWith(context, "grouping-sync", route -> route.replaceFromWith("direct:grouping-sync"));
        context.start();
    }

    @Test
    void aTickLoadsAChangedRulesFile() throws Exception {
        Files.writeString(config.resolve("grouping-rules.yaml"), """
                rules:
                  - match: {message: '*stock service*'}
                    fingerprint: [stock-outage]
                    title: Stock service outage
                """);
        assertThat(rules.get().isEmpty()).as("not before the tick").isTrue();

        template.sendBody("direct:grouping-sync", null);

        assertThat(rules.get().rules()).hasSize(1);
        assertThat(rules.get().rules().get(0).title()).isEqualTo("Stock service outage");
    }

    @Test
    void aTickReadsTheMergesOtherInstancesStored() {
        TestDatabase.get().execute("""
                INSERT INTO grouping_overrides (kind, fingerprint_id, target_id) VALUES ('merge', '00000000000000a2', '00000000000000a1')""");
        assertThat(state.get().mergedInto()).isEmpty();

        template.sendBody("direct:grouping-sync", null);

        assertThat(state.get().mergedInto()).isEqualTo(Map.of("00000000000000a2", "00000000000000a1"));
    }
}
