package io.selfheal.fingerprint.manual;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.TemplateParameter;
import io.selfheal.fingerprint.rules.MessagePattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupOverridesTest {
    private static final Fingerprint A = new Fingerprint("000000000000000a", "svc", ErrorType.UNKNOWN,
            "cart <int> not saved", null, null, List.of(new TemplateParameter("<int>", List.of("9"))));

    @Test
    void mergesAreFollowedToTheEndOfTheChainAndKeepTheTargetsTemplate() {
        GroupOverrides overrides = new GroupOverrides(
                Map.of("000000000000000a", "000000000000000b", "000000000000000b", "000000000000000c"), Map.of());
        Fingerprint merged = overrides.apply(A, "cart 9 not saved");
        assertThat(merged.id()).isEqualTo("000000000000000c");
        assertThat(merged.parameters()).isNull();
    }

    @Test
    void aMatchingSplitComesBeforeMerges() {
        String target = GroupSplit.targetId("svc", A.id(), "*timeout*");
        GroupOverrides overrides = new GroupOverrides(Map.of(A.id(), "000000000000000b"),
                Map.of(A.id(), List.of(new GroupSplit(A.id(), MessagePattern.parse("*timeout*"), target, "timeouts"))));
        Fingerprint split = overrides.apply(A, "cart 9 not saved: timeout");
        assertThat(split.id()).isEqualTo(target);
        assertThat(split.template()).isEqualTo("timeouts");
        assertThat(overrides.apply(A, "cart 9 not saved").id()).isEqualTo("000000000000000b");
    }

    @Test
    void aCycleStopsInsteadOfLooping() {
        GroupOverrides cycle = new GroupOverrides(
                Map.of("000000000000000a", "000000000000000b", "000000000000000b", "000000000000000a"), Map.of());
        assertThat(cycle.finalGroup("000000000000000a")).isIn("000000000000000a", "000000000000000b");
    }
}
