package io.selfheal.heal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A new row of {@code healing_actions}: one decision about one strategy for one incident, whatever the decision.
 *
 * @param actor       who decided: {@code selfheal@<instance>} or {@code operator}
 * @param paramsJson  the planned requests (credentials masked), routing reason, suggestion, guardrail verdict
 */
public record ActionRow(Long eventId, String fingerprintId, String strategy, String actionType, String status, boolean dryRun,
                 String reason, String actor, String instanceId, String paramsJson, Instant expiresAt,
                 Instant executedAt, Double rateBefore, Long compensates) {

    /** The named values of sql/healing/record-action.sql. */
    public Map<String, Object> record() {
        Map<String, Object> row = new HashMap<>();
        row.put("eventId", eventId);
        row.put("fingerprintId", fingerprintId);
        row.put("strategy", strategy);
        row.put("actionType", actionType);
        row.put("status", status);
        row.put("dryRun", dryRun);
        row.put("reason", reason);
        row.put("actor", actor);
        row.put("instanceId", instanceId);
        row.put("params", paramsJson);
        row.put("expiresAt", utc(expiresAt));
        row.put("executedAt", utc(executedAt));
        row.put("rateBefore", rateBefore);
        row.put("compensates", compensates);
        return row;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
