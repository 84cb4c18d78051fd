package io.selfheal.api;

import io.selfheal.assess.AssessmentReport;
import io.selfheal.heal.ApprovalResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of the healing API's answers (maps, marshalled by the routes). */
public final class ApiResponses {

    public Map<String, Object> error(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    public Map<String, Object> approval(ApprovalResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actionId", result.actionId());
        body.put("status", result.status());
        body.put("message", result.message());
        if (result.run() != null) {
            body.put("requests", result.run().outcomes());
            body.put("failed", result.run().hasFailed());
        }
        return body;
    }

    public Map<String, Object> assessment(AssessmentReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", report.runId());
        body.put("fingerprints", report.fingerprints());
        body.put("incidentsOpened", report.incidentsOpened());
        body.put("incidentsClosed", report.incidentsClosed());
        body.put("incidentsWaitingForHealing", report.toHeal().size());
        body.put("escalated", report.escalated());
        body.put("approvalsExpired", report.approvalsExpired());
        return body;
    }
}
