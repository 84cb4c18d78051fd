package io.selfheal.heal;

import java.time.Instant;

/** An action row read back for approval, execution bookkeeping or verification. */
public record PendingAction(long id, long eventId, String fingerprintId, String strategy, String status,
                            Instant executedAt, Instant verifyAt, Double rateBefore, Instant expiresAt, String paramsJson) {
}
