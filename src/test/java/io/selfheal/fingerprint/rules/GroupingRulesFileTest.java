package io.selfheal.fingerprint.rules;

import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.manual.GroupOverrides;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupingRulesFileTest {
    @TempDir
    Path dir;

    private static LogEvent event(String message) {
        return new LogEvent("orders", Instant.parse("2024-05-01T10:00:00Z"), Level.ERROR, "c.a.Orders", message, null,
                Map.of(), "test", message, null);
    }

    /** Writes the file with a later modification time, as an editor saving it a moment later would. */
    private static void edit(Path file, String text, int second) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(second)));
    }

    @Test
    void anEditedFileIsAppliedABrokenOneKeepsTheRulesAndAMissingOneMeansNone() throws Exception {
        Path file = dir.resolve("grouping-rules.yaml");
        GroupingRulesFile rules = new GroupingRulesFile(file);
        Fingerprinter fingerprinter = Fingerprinter.of(new TemplateMiner(), rules, () -> GroupOverrides.NONE,
                Level.WARN);
        Fingerprint mined = fingerprinter.group(event("order ORD-17 failed: stock service refused"));
        assertThat(rules.get().isEmpty()).isTrue();

        edit(file, """
                rules:
                  - match: {message: '*stock service*'}
                    fingerprint: [stock-outage]
                    title: Stock service outage
                """, 1);
        assertThat(rules.reloadIfChanged()).isTrue();
        Fingerprint ruled = fingerprinter.group(event("order ORD-18 failed: stock service refused"));
        assertThat(ruled.id()).isEqualTo(StableIds.of("orders", "rule\nstock-outage")).isNotEqualTo(mined.id());
        assertThat(ruled.template()).isEqualTo("Stock service outage");
        assertThat(rules.reloadIfChanged()).isFalse();

        edit(file, "rules: [{match: {mesage: '*'}, fingerprint: [x]}]", 2);
        assertThat(rules.reloadIfChanged()).isFalse();
        assertThat(fingerprinter.group(event("order ORD-19 failed: stock service refused")).id())
                .isEqualTo(ruled.id());

        edit(file, """
                rules:
                  - match: {service: orders}
                    masks: [{name: order_id, regex: 'ORD-\\d+'}]
                """, 3);
        assertThat(rules.reloadIfChanged()).isTrue();
        Fingerprint masked = fingerprinter.group(event("order ORD-20 failed: stock service refused"));
        assertThat(masked.template()).isEqualTo("order <order_id> failed: stock service refused");

        Files.delete(file);
        assertThat(rules.reloadIfChanged()).isTrue();
        assertThat(rules.get()).isEqualTo(GroupingRules.NONE);
    }
}
