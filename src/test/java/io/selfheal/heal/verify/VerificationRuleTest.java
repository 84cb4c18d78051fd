package io.selfheal.heal.verify;

import org.junit.jupiter.api.Test;

import static io.selfheal.heal.verify.VerificationRule.Outcome.FAILED;
import static io.selfheal.heal.verify.VerificationRule.Outcome.INCONCLUSIVE;
import static io.selfheal.heal.verify.VerificationRule.Outcome.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationRuleTest {
    private final VerificationRule rule = new VerificationRule(0.2, 0.8);

    @Test
    void judgesTheRateAfterAgainstTheRateBefore() {
        assertThat(rule.judge(100, 0)).isEqualTo(VERIFIED);
        assertThat(rule.judge(100, 20)).isEqualTo(VERIFIED);
        assertThat(rule.judge(100, 50)).isEqualTo(INCONCLUSIVE);
        assertThat(rule.judge(100, 80)).isEqualTo(FAILED);
        assertThat(rule.judge(100, 300)).isEqualTo(FAILED);
        assertThat(rule.judge(0, 0)).isEqualTo(VERIFIED);
        assertThat(rule.judge(0, 3)).isEqualTo(INCONCLUSIVE);
    }

    @Test
    void ratiosMustBeOrdered() {
        assertThatThrownBy(() -> new VerificationRule(0.8, 0.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
