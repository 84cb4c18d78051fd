package io.selfheal.heal.guard;

/** Where an operator's approval stands for an action the guardrails evaluate. */
public enum Approval {
    /** Needed when the action's risk reaches {@code selfheal.healing.approval-risk}. */
    BY_RISK,
    /** Needed whatever the risk: the diagnosis that chose the action asked for it. */
    REQUIRED,
    /** Given by an operator: cooldown, the in-flight check and the approval step no longer apply. */
    GRANTED
}
