package io.selfheal.assess;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.ingest.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityClassifierTest {
    private final SeverityClassifier classifier = new SeverityClassifier();

    private Severity classify(Level level, double rate, double baseline, ErrorType type, int services, int hosts, boolean deploy) {
        return classifier.classify(new SeveritySignals(level, rate, baseline, type, services, hosts, deploy)).severity();
    }

    @Test
    void aSteadyTrickleOfWarningsIsLow() {
        assertThat(classify(Level.WARN, 0.5, 0.5, ErrorType.UNKNOWN, 1, 1, false)).isEqualTo(Severity.LOW);
    }

    @Test
    void aNewDatabaseErrorAtModerateRateIsHigh() {
        // error +1, 12/min +2, new +2, database +2 = 7
        assertThat(classify(Level.ERROR, 12, 0, ErrorType.DATABASE, 1, 1, false)).isEqualTo(Severity.HIGH);
    }

    @Test
    void aFastDatabaseOutageAcrossServicesIsCritical() {
        // error +1, 120/min +3, new +2, database +2, 3 services +2, 4 hosts +1 = 11
        assertThat(classify(Level.ERROR, 120, 0, ErrorType.DATABASE, 3, 4, false)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void trendMatters() {
        // error +1, 5/min +1, null_reference +0: flat = 2 (low), 3x = 3 (medium)
        assertThat(classify(Level.ERROR, 5, 5, ErrorType.NULL_REFERENCE, 1, 1, false)).isEqualTo(Severity.LOW);
        assertThat(classify(Level.ERROR, 5, 1.5, ErrorType.NULL_REFERENCE, 1, 1, false)).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void fatalAndDeployPushUp() {
        assertThat(classify(Level.FATAL, 0.5, 0.5, ErrorType.UNKNOWN, 1, 1, false)).isEqualTo(Severity.MEDIUM);
        assertThat(classify(Level.FATAL, 0.5, 0.5, ErrorType.UNKNOWN, 2, 1, true)).isEqualTo(Severity.HIGH);
    }

    @Test
    void reasonsExplainTheScore() {
        SeverityAssessment a = classifier.classify(new SeveritySignals(Level.ERROR, 120, 0, ErrorType.DATABASE, 3, 4, true));
        assertThat(a.score()).isEqualTo(12);
        assertThat(a.reasons()).contains("database error +2", "same failure in 3 services +2", "4 hosts +1", "new since deploy +1");
    }
}
