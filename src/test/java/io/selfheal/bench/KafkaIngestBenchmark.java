package io.selfheal.bench;

import io.selfheal.testing.KafkaBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import io.selfheal.testing.MixedLogLines;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka → parse → fingerprint → PostgreSQL through the service's real routes (in this JVM), against an in-process
 * KRaft broker and an embedded PostgreSQL. Two phases:
 * <ol>
 *   <li>throughput: a pre-produced backlog of {@code --records} lines (10% ERROR, half of them with a Java or Python
 *       stack trace; JSON and plain text from five services) is drained; lines/s are counted from the end of the first
 *       stored batch to the end of the last;</li>
 *   <li>latency: {@code --rate} lines/s are produced for {@code --seconds} seconds, each stamped with the moment it is
 *       sent; the delay to the end of the batch that stored it (store transaction and offset commit done) gives
 *       p50/p95/p99.</li>
 * </ol>
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.selfheal.bench.KafkaIngestBenchmark -Dexec.args="--records 1000000"} (see README).
 */
public final class KafkaIngestBenchmark {
    private static final String BACKLOG = "bench-backlog";
    private static final String PACED = "bench-paced";

    private KafkaIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int records = Integer.parseInt(options.getOrDefault("records", "1000000"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "4"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "20000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        String consumers = options.getOrDefault("consumers", "1");
        String maxPoll = options.getOrDefault("max-poll-records", "5000");

        System.out.printf("load average at start: %s%n", loadAverage());
        KafkaBroker kafka = KafkaBroker.start();
        kafka.createTopic(BACKLOG, partitions);
        kafka.createTopic(PACED, partitions);
        TestDatabase.get().reset();
        System.out.println("PostgreSQL: " + settings());

        long produceStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(BACKLOG, i % partitions, MixedLogLines.service(i),
                        MixedLogLines.line(i)));
            }
        }
        System.out.printf("produced %,d backlog records in %.1f s%n", records, (System.nanoTime() - produceStart) / 1e9);

        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.files.enabled", "false");
        // The route is started below, once the probe watches it.
        properties.put("selfheal.kafka.enabled", "false");
        properties.put("selfheal.kafka.brokers", kafka.bootstrap());
        properties.put("selfheal.kafka.topics", BACKLOG + "," + PACED);
        properties.put("selfheal.kafka.group-id", "bench");
        properties.put("selfheal.kafka.consumers-count", consumers);
        properties.put("selfheal.kafka.max-poll-records", maxPoll);
        Path logs = Files.createTempDirectory("bench-logs");
        try (RunningApp app = RunningApp.start(logs, properties)) {
            CamelContext camel = app.app().camelContext();
            CommitProbe probe = new CommitProbe(PACED);
            camel.getManagementStrategy().addEventNotifier(probe);
            camel.getCamelContextExtension().setEventNotificationApplicable(true);
            ServiceHelper.startService(probe);
            camel.getRouteController().startRoute("source-kafka");
            long drainStart = System.nanoTime();
            while (probe.records() < records) {
                Thread.sleep(1000);
                System.out.printf("  %,d / %,d records stored (%.0f lines/s so far; %,d error rows), load %s%n",
                        probe.records(), records, probe.recordsPerSecond(), count("SELECT count(*) FROM log_entries"),
                        loadAverage());
                if (System.nanoTime() - drainStart > Duration.ofMinutes(30).toNanos()) {
                    throw new IllegalStateException("backlog not drained within 30 minutes");
                }
            }
            double throughput = probe.recordsPerSecond();
            long errorsStored = count("SELECT count(*) FROM log_entries");
            long counted = count("SELECT coalesce(sum(occurrence_count), 0) FROM error_fingerprints");
            long fingerprints = count("SELECT count(*) FROM error_fingerprints");
            System.out.printf("THROUGHPUT: %,d lines in %.1f s since the first stored batch: %,.0f lines/s "
                            + "(%,d errors stored, %,d counted in %,d fingerprints)%n", records,
                    probe.seconds(), throughput, errorsStored, counted, fingerprints);

            probe.restartCount();
            paced(kafka, rate, seconds, partitions);
            long expected = (long) rate * seconds;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (probe.records() < expected && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long[] errors = probe.percentiles(true);
            long[] all = probe.percentiles(false);
            System.out.printf("LATENCY (append -> batch committed), paced at %,d lines/s for %d s:%n", rate, seconds);
            System.out.printf("  error lines: n=%,d p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                    errors[0], errors[1], errors[2], errors[3], errors[4]);
            System.out.printf("  all lines:   n=%,d p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                    all[0], all[1], all[2], all[3], all[4]);
        } finally {
            kafka.close();
        }
        System.out.printf("load average at end: %s%n", loadAverage());
        System.exit(0);
    }

    /** Produces {@code rate} lines per second in 10 ms slices, each stamped with its send time. */
    private static void paced(KafkaBroker kafka, int rate, int seconds, int partitions) throws InterruptedException {
        int perSlice = Math.max(1, rate / 100);
        long start = System.nanoTime();
        int i = 0;
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int slice = 0; slice < seconds * 100; slice++) {
                long due = start + slice * 10_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                for (int n = 0; n < perSlice; n++, i++) {
                    producer.send(new ProducerRecord<>(PACED, i % partitions, MixedLogLines.service(i),
                            MixedLogLines.line(i, Instant.now())));
                }
            }
        }
    }

    private static String settings() throws Exception {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('shared_buffers')")) {
            rs.next();
            return "fsync=" + rs.getString(1) + " synchronous_commit=" + rs.getString(2)
                    + " shared_buffers=" + rs.getString(3);
        }
    }

    private static long count(String sql) {
        return RunningApp.count(sql);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2).toLowerCase(Locale.ROOT), args[i + 1]);
        }
        return options;
    }
}
