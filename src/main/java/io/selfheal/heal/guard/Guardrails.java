package io.selfheal.heal.guard;

import io.selfheal.heal.RiskLevel;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a planned healing action may run. Checked in order, the first that objects decides: kill switch,
 * one action in flight per fingerprint, cooldown, concurrency, per-service hourly cap, blast radius, then dry run and
 * approval. Dry run comes after the limits so that what it records is what would really have happened.
 */
public final class Guardrails {
    private final GuardrailSettings settings;

    public Guardrails(GuardrailSettings settings) {
        this.settings = settings;
    }

    public GuardrailSettings settings() {
        return settings;
    }

    /**
     * @param risk     the action's effective risk
     * @param approval GRANTED when an operator approved this action: cooldown, the in-flight check (the action
     *                 itself) and the approval step no longer apply; every other guardrail is checked again
     */
    public GuardrailDecision evaluate(String service, RiskLevel risk, Approval approval, GuardrailState state, Instant now) {
        boolean approved = approval == Approval.GRANTED;
        if (state.paused()) {
            return GuardrailDecision.refuse("kill-switch", "healing is paused" + (state.pausedBy() == null ? "" : " by " + state.pausedBy()));
        }
        if (!approved && state.fingerprintInFlight()) {
            return GuardrailDecision.refuse("in-flight", "another action for this fingerprint is still in flight");
        }
        if (!approved && state.lastActionAt() != null) {
            Duration since = Duration.between(state.lastActionAt(), now);
            if (since.compareTo(settings.cooldown()) < 0) {
                return GuardrailDecision.refuse("cooldown", "last action " + since.toSeconds() + " s ago; cooldown is "
                        + settings.cooldown().toSeconds() + " s");
            }
        }
        if (state.inFlight() >= settings.maxConcurrent()) {
            return GuardrailDecision.refuse("max-concurrent", state.inFlight() + " healings in flight; limit is " + settings.maxConcurrent());
        }
        if (state.serviceActionsLastHour() >= settings.maxActionsPerServicePerHour()) {
            return GuardrailDecision.refuse("service-rate", state.serviceActionsLastHour() + " actions on " + service
                    + " in the last hour; limit is " + settings.maxActionsPerServicePerHour());
        }
        if (!state.servicesActedOnLastHour().contains(service)
                && state.servicesActedOnLastHour().size() >= settings.maxServicesPerHour()) {
            return GuardrailDecision.refuse("blast-radius", state.servicesActedOnLastHour().size()
                    + " services acted on in the last hour; limit is " + settings.maxServicesPerHour());
        }
        boolean riskNeedsApproval = risk.compareTo(settings.approvalFrom()) >= 0;
        boolean needsApproval = approval == Approval.REQUIRED || (!approved && riskNeedsApproval);
        String why = riskNeedsApproval ? risk + " risk" : "the diagnosis";
        if (settings.dryRun()) {
            return new GuardrailDecision(GuardrailDecision.Verdict.DRY_RUN, "dry-run",
                    "dry run: would " + (needsApproval ? "ask for approval (" + why + ")" : "execute"));
        }
        if (needsApproval) {
            return new GuardrailDecision(GuardrailDecision.Verdict.AWAIT_APPROVAL, "approval",
                    why + " needs an operator's approval within " + settings.approvalTtl().toMinutes() + " min");
        }
        return new GuardrailDecision(GuardrailDecision.Verdict.EXECUTE, "none", approved ? "approved; all guardrails passed" : "all guardrails passed");
    }
}
