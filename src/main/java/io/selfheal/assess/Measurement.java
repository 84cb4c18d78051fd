package io.selfheal.assess;

/**
 * A fingerprint measured against its baseline and classified.
 *
 * @param spike whether it left its baseline enough to open an incident
 */
public record Measurement(FingerprintWindow window, double ratePerMinute, double baselineRate, boolean spike,
                          boolean newSinceDeploy, int servicesAffected, SeverityAssessment severity) {
}
