package io.selfheal.assess;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.ingest.Level;

/**
 * What severity is judged from.
 *
 * @param level            the most severe log level seen in the window
 * @param ratePerMinute    occurrences per minute in the window
 * @param baselineRate     occurrences per minute before the window (0 when the error is new)
 * @param errorType        coarse category
 * @param servicesAffected services where the same fingerprint (stack signature, else template) is active (at least 1)
 * @param hostsAffected    distinct hosts reporting this fingerprint in the window (0 when logs name none)
 * @param newSinceDeploy   first seen recently, or seen under a deployment/version label the baseline did not have
 */
public record SeveritySignals(Level level, double ratePerMinute, double baselineRate, ErrorType errorType,
                              int servicesAffected, int hostsAffected, boolean newSinceDeploy) {
}
