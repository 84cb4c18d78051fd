package io.selfheal.fingerprint.manual;

import io.selfheal.fingerprint.StableIds;
import io.selfheal.fingerprint.rules.MessagePattern;

/**
 * A manual split: events of group {@code sourceId} whose message matches {@code pattern} belong to {@code targetId}.
 *
 * @param sourceId the group split
 * @param pattern  a glob over the whole message, or {@code /regex/}
 * @param targetId the new group
 * @param title    the new group's template text, or null to keep the source's
 */
public record GroupSplit(String sourceId, MessagePattern pattern, String targetId, String title) {

    /** The id of the group split off {@code sourceId} by {@code pattern}: the same on every instance. */
    public static String targetId(String service, String sourceId, String pattern) {
        return StableIds.of(service, "split\n" + sourceId + "\n" + pattern);
    }
}
