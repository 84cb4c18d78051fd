package io.selfheal.assess;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.testing.TestDatabase;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * How long one assessment takes over many active fingerprints (a benchmark, run by hand, never asserted):
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.selfheal.assess.AssessmentBenchmark 2000 50
 * </pre>
 * Arguments: fingerprints, occurrences of each in the last 5 minutes.
 */
public final class AssessmentBenchmark {
    private AssessmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int fingerprints = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int perFingerprint = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        TestDatabase db = TestDatabase.get();
        db.reset();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen, occurrence_count)
                    SELECT lpad(to_hex(g), 16, '0'), 'svc-' || (g %% 50), 'database', 'timeout <*>', 'ERROR',
                           now() - interval '2 days', now(), %d
                    FROM generate_series(1, %d) g""".formatted(perFingerprint, fingerprints));
            s.execute("""
                    INSERT INTO log_entries (fingerprint_id, service, ts, level, message, labels)
                    SELECT lpad(to_hex(g), 16, '0'), 'svc-' || (g %% 50), now() - (random() * interval '5 minutes'), 'ERROR',
                           'timeout ' || i, jsonb_build_object('host', 'h' || (i %% 4), 'version', 'v1')
                    FROM generate_series(1, %d) g, generate_series(1, %d) i""".formatted(fingerprints, perFingerprint));
            s.execute("ANALYZE");
        }
        ObjectMapper json = new ObjectMapper();
        AssessmentSettings settings = new AssessmentSettings(Duration.ofMinutes(5), Duration.ofHours(1), 5, 3,
                Duration.ofMinutes(30), 2, Duration.ofMinutes(15));
        Assessment assessment = new Assessment(new AssessmentStore(db.dataSource(), json),
                new RateMeasurer(settings, new SeverityClassifier()), settings, "benchmark", Clock.systemUTC());
        for (int run = 1; run <= 5; run++) {
            long start = System.nanoTime();
            AssessmentReport report = assessment.run(null, 0);
            System.out.printf("run %d: %d fingerprints, %d log entries, %d incidents opened, %d waiting: %d ms%n", run,
                    report.fingerprints(), (long) fingerprints * perFingerprint, report.incidentsOpened(), report.toHeal().size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        System.exit(0);
    }
}
