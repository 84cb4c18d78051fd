package io.selfheal.assess;

import java.util.List;

/** A severity with the score and the reasons behind it, so an operator can see why. */
public record SeverityAssessment(Severity severity, int score, List<String> reasons) {
    public SeverityAssessment {
        reasons = List.copyOf(reasons);
    }
}
