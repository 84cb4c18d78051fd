package io.selfheal.heal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts the assessment adds to an incident's labels. They are namespaced {@code selfheal.} so that no label coming
 * from a log line can fake them.
 */
public final class IncidentLabels {
    /** {@code "true"} when the error is new since the latest deploy (first seen recently or under a new version label). */
    public static final String NEW_SINCE_DEPLOY = "selfheal.new-since-deploy";

    private IncidentLabels() {
    }

    public static Map<String, String> withNewSinceDeploy(Map<String, String> labels, boolean newSinceDeploy) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(NEW_SINCE_DEPLOY, String.valueOf(newSinceDeploy));
        return all;
    }
}
