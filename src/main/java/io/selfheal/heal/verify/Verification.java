package io.selfheal.heal.verify;

import io.selfheal.heal.Incident;
import io.selfheal.heal.PendingAction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * One executed action judged by the {@link Verifier}, not yet written: the record-verification route writes
 * {@link #record()}, then {@link Verifier#settled} follows up when this instance was the one that settled it.
 *
 * @param timeToRecoverySeconds from detection to the last error before the window's end; null unless verified
 */
public record Verification(PendingAction action, Incident incident, VerificationRule.Outcome outcome, double rateBefore,
                           double rateAfter, Double timeToRecoverySeconds, Instant verifiedAt) {

    /** The named values of sql/healing/record-verification.sql. */
    public Map<String, Object> record() {
        boolean verified = outcome == VerificationRule.Outcome.VERIFIED;
        Map<String, Object> row = new HashMap<>();
        row.put("actionId", action.id());
        row.put("eventId", incident.id());
        row.put("fingerprintId", action.fingerprintId());
        row.put("strategy", action.strategy());
        row.put("outcome", outcome.code());
        row.put("rateBefore", rateBefore);
        row.put("rateAfter", rateAfter);
        row.put("timeToRecoverySeconds", timeToRecoverySeconds);
        row.put("verifiedAt", verifiedAt.atOffset(ZoneOffset.UTC));
        row.put("incidentStatus", verified ? "healed" : "open");
        row.put("resolvedAt", verified ? verifiedAt.atOffset(ZoneOffset.UTC) : null);
        return row;
    }
}
