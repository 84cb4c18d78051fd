package io.selfheal.heal;

import java.util.Map;

/**
 * What the coordinator decides on: the router's choice after {@link HealingMandate} applied the diagnosis' decision
 * and checked that the strategy can be planned here.
 *
 * @param strategy         the strategy to run (known to the catalog)
 * @param routedBy         why, in words (router rule, plus what the mandate changed); recorded as the action's reason
 * @param params           parameters for the strategy's plan
 * @param risk             the effective risk: the higher of the strategy's and the diagnosis' for this strategy
 * @param approvalRequired the diagnosis decided APPROVE: an operator approves whatever the risk
 * @param fallThrough      why the router's own choice was replaced by {@code notify}, or null when it was kept
 */
public record HealingChoice(String strategy, String routedBy, Map<String, String> params, RiskLevel risk,
                            boolean approvalRequired, String fallThrough) {
    public HealingChoice {
        params = Map.copyOf(params);
    }
}
