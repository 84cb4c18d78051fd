package io.selfheal.heal.guard;

/**
 * @param verdict   what happens to the action
 * @param guardrail which guardrail decided ({@code none} when all agreed)
 * @param reason    why, for the audit trail
 */
public record GuardrailDecision(Verdict verdict, String guardrail, String reason) {

    public enum Verdict {
        /** Send it now. */
        EXECUTE,
        /** Record it as what would have run. */
        DRY_RUN,
        /** Park it in pending_approval until an operator decides or it expires. */
        AWAIT_APPROVAL,
        /** Do not run it; the refusal is audited. */
        REFUSE
    }

    static GuardrailDecision refuse(String guardrail, String reason) {
        return new GuardrailDecision(Verdict.REFUSE, guardrail, reason);
    }
}
