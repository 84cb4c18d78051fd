package io.selfheal.heal.guard;

import io.selfheal.heal.RiskLevel;

import java.time.Duration;

/**
 * @param dryRun                      record what would run, send nothing
 * @param cooldown                    minimum time between two actions on one fingerprint
 * @param maxActionsPerServicePerHour actions executed on one service in the last hour
 * @param maxConcurrent               actions executing or awaiting verification, all services together
 * @param approvalFrom                strategies of this risk or higher wait for an operator's approval
 * @param approvalTtl                 how long an approval request stays open
 * @param maxServicesPerHour          blast radius: distinct services acted on in the last hour
 */
public record GuardrailSettings(boolean dryRun, Duration cooldown, int maxActionsPerServicePerHour, int maxConcurrent,
                                RiskLevel approvalFrom, Duration approvalTtl, int maxServicesPerHour) {
}
