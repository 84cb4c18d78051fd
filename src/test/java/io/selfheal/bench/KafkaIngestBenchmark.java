package io.selfheal.bench;

import io.selfheal.app.SelfhealApp;
import io.selfheal.testing.KafkaBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka → parse → fingerprint → PostgreSQL through the service's real routes (in this JVM), against an in-process
 * KRaft broker, beside a bare {@code KafkaConsumer} reading the same backlog in the same run (the ceiling). Phases:
 * <ol>
 *   <li>warm-up (optional, {@code --warmup-records N}): N records of another topic are drained and not measured, so
 *       the JIT has compiled the pipeline as in a service that has been running;</li>
 *   <li>bare: a plain consumer (own group, same max.poll.records) reads the backlog and only counts records;</li>
 *   <li>throughput: a pre-produced backlog of {@code --records} JSON records (20 services, 10% ERROR with a stack
 *       trace, see {@link BenchLogRecords}) is drained by the service; lines/s are counted from the end of the first
 *       stored batch to the end of the last; rows in log_entries and error occurrences are checked exactly;</li>
 *   <li>latency: {@code --rate} lines/s are produced for {@code --seconds} seconds, each stamped with the moment it is
 *       sent; the delay to the end of the batch that stored it (store transaction and offset commit done) gives
 *       p50/p95/p99.</li>
 * </ol>
 * Database: the embedded test server, or {@code --jdbc-url jdbc:postgresql://...} (see docs/benchmarks.md, "Kafka").
 * Run with {@code -Xmx512m} on the main classpath plus test classes, without camel-jbang's CLI connector (a test-only
 * dependency that would poll the JVM's MBeans every second): {@code scripts/bench-sources.sh kafka --records 1000000}.
 */
public final class KafkaIngestBenchmark {
    private static final String WARMUP = "bench-warmup";
    private static final String BACKLOG = "bench-backlog";
    private static final String PACED = "bench-paced";
    /** camel-kafka names its consumer threads "... KafkaConsumer[topics]"; each runs the whole pipeline. */
    private static final String CONSUMER_THREADS = "KafkaConsumer[";

    private KafkaIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(args); KafkaBroker kafka = KafkaBroker.start()) {
            run(env, kafka);
        }
        System.exit(0);
    }

    private static void run(BenchEnvironment env, KafkaBroker kafka) throws Exception {
        int records = env.intOption("records", 1_000_000);
        int partitions = env.intOption("partitions", 4);
        int rate = env.intOption("rate", 20_000);
        int seconds = env.intOption("seconds", 20);
        int maxPoll = env.intOption("max-poll-records", 5000);
        System.out.printf("load average at start: %s%n", BenchEnvironment.loadAverage());
        System.out.println("PostgreSQL: " + env.databaseSettings());
        kafka.createTopic(BACKLOG, partitions);
        kafka.createTopic(PACED, partitions);

        int warmup = env.intOption("warmup-records", 0);
        kafka.createTopic(WARMUP, partitions);

        Map<String, String> properties = new HashMap<>();
        // The route is started below, once the probe watches it.
        properties.put("selfheal.kafka.enabled", "false");
        properties.put("selfheal.kafka.brokers", kafka.bootstrap());
        properties.put("selfheal.kafka.topics", WARMUP + "," + BACKLOG + "," + PACED);
        properties.put("selfheal.kafka.group-id", "bench");
        if (env.option("consumers", null) != null) {
            properties.put("selfheal.kafka.consumers-count", env.option("consumers", null));
        }
        properties.put("selfheal.kafka.max-poll-records", String.valueOf(maxPoll));
        SelfhealApp app = env.startApp(properties);
        try {
            CamelContext camel = app.camelContext();
            CommitProbe probe = new CommitProbe(PACED);
            camel.getManagementStrategy().addEventNotifier(probe);
            camel.getCamelContextExtension().setEventNotificationApplicable(true);
            ServiceHelper.startService(probe);
            if (warmup > 0) {
                // A service runs for days: its JIT has long compiled the pipeline, so a short run without warm-up
                // measures the compiler as much as the pipeline. The warm-up topic is drained, then the route stops
                // while the backlog is produced.
                long warmStart = System.nanoTime();
                produce(kafka, WARMUP, warmup, partitions);
                camel.getRouteController().startRoute("source-kafka");
                while (probe.records() < warmup) {
                    Thread.sleep(200);
                }
                camel.getRouteController().stopRoute("source-kafka");
                System.out.printf("WARMUP %,d records in %.1f s, not measured%n", warmup,
                        (System.nanoTime() - warmStart) / 1e9);
                probe.restartCount();
            }
            long errorsBefore = env.count("SELECT count(*) FROM log_entries");
            long countedBefore = env.count("SELECT coalesce(sum(occurrence_count), 0) FROM error_fingerprints");

            long produceStart = System.nanoTime();
            produce(kafka, BACKLOG, records, partitions);
            System.out.printf("produced %,d backlog records in %.1f s%n", records,
                    (System.nanoTime() - produceStart) / 1e9);

            BenchEnvironment.JvmFigures bareJvm = env.jvmFigures();
            double bare = bareConsumer(kafka, records, maxPoll);
            System.out.printf("BARE CONSUMER: %,d records read at %,.0f records/s (%s)%n", records, bare, bareJvm);

            BenchEnvironment.JvmFigures jvm = env.jvmFigures();
            ThreadCpu threadCpu = new ThreadCpu();
            long jitMillisAtStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            camel.getRouteController().startRoute("source-kafka");
            long drainStart = System.nanoTime();
            while (probe.records() < records) {
                Thread.sleep(2000);
                System.out.printf("  %,d / %,d records stored (%.0f lines/s so far), load %s%n",
                        probe.records(), records, probe.recordsPerSecond(), BenchEnvironment.loadAverage());
                if (System.nanoTime() - drainStart > Duration.ofMinutes(30).toNanos()) {
                    throw new IllegalStateException("backlog not drained within 30 minutes");
                }
            }
            double throughput = probe.recordsPerSecond();
            String figures = jvm.toString();
            double consumerCpu = threadCpu.seconds(CONSUMER_THREADS);
            double jvmCpu = jvm.cpuSeconds();
            double javaThreadsCpu = threadCpu.total();
            Map<String, Double> topThreads = threadCpu.since(6);
            long errorsStored = env.count("SELECT count(*) FROM log_entries") - errorsBefore;
            long counted = env.count("SELECT coalesce(sum(occurrence_count), 0) FROM error_fingerprints") - countedBefore;
            long fingerprints = env.count("SELECT count(*) FROM error_fingerprints");
            long expected = BenchLogRecords.errors(records);
            System.out.printf("THROUGHPUT: %,d lines in %.1f s since the first stored batch: %,.0f lines/s = %.0f%% of "
                            + "the bare consumer (%s)%n", records, probe.seconds(), throughput, 100 * throughput / bare,
                    figures);
            System.out.printf("COUNTS: %,d error rows and %,d occurrences in %,d fingerprints; expected %,d: %s%n",
                    errorsStored, counted, fingerprints, expected,
                    errorsStored == expected && counted == expected ? "EXACT" : "MISMATCH");
            System.out.printf("CPU: consumer threads %.1f s = %.1f µs per line (%.2f cores busy over the drain); whole JVM "
                            + "(broker and producer included) %.1f s = %.1f µs per line%n", consumerCpu,
                    1e6 * consumerCpu / records, consumerCpu / probe.seconds(), jvmCpu, 1e6 * jvmCpu / records);
            System.out.printf("  of the JVM's CPU: GC and JIT threads %.1f s (compilers busy %.1f s of wall time summed "
                            + "over their threads, GC pauses %s); Java threads %.1f s, most: %s%n", jvmCpu - javaThreadsCpu,
                    (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMillisAtStart) / 1e3,
                    figures.replaceAll(".*GC ([^;]*);.*", "$1"), javaThreadsCpu, topThreads.entrySet().stream()
                            .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue())).toList());
            // What the heap holds once garbage is gone (G1 lets the heap fill with garbage up to -Xmx between
            // collections, so the peak above is not what the service needs).
            ManagementFactory.getMemoryMXBean().gc();
            System.out.printf("HEAP after a full GC: %,d MB used (broker, producer and service in this JVM)%n",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
            Path rowsFile = Files.createTempFile("kafka-rows", ".copy");
            try (Connection c = env.connection()) {
                CopyCeiling.Result ceiling = CopyCeiling.measure(c, "kafka", maxPoll, rowsFile);
                double ceilingLines = ceiling.rowsPerSecond() * records / Math.max(1, errorsStored);
                System.out.printf("CEILING bare COPY: %,d rows in batches of %,d: %,.0f rows/s = %,.0f lines/s of this mix; "
                                + "the pipeline reached %.0f%% of it (load %s)%n", ceiling.rows(), maxPoll,
                        ceiling.rowsPerSecond(), ceilingLines, 100 * throughput / ceilingLines,
                        BenchEnvironment.loadAverage());
            } finally {
                Files.deleteIfExists(rowsFile);
            }

            probe.restartCount();
            BenchEnvironment.JvmFigures pacedJvm = env.jvmFigures();
            paced(kafka, rate, seconds, partitions);
            long pacedRecords = (long) rate * seconds;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (probe.records() < pacedRecords && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long[] errors = probe.percentiles(true);
            long[] all = probe.percentiles(false);
            System.out.printf("LATENCY (append -> batch committed), paced at %,d lines/s for %d s (%s):%n", rate, seconds,
                    pacedJvm);
            System.out.printf("  error lines: n=%,d p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                    errors[0], errors[1], errors[2], errors[3], errors[4]);
            System.out.printf("  all lines:   n=%,d p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                    all[0], all[1], all[2], all[3], all[4]);
        } finally {
            app.close();
        }
        System.out.printf("load average at end: %s%n", BenchEnvironment.loadAverage());
    }

    private static void produce(KafkaBroker kafka, String topic, int records, int partitions) {
        Instant stamp = Instant.now();
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, BenchLogRecords.service(i),
                        BenchLogRecords.record(i, stamp)));
            }
        }
    }

    /** A plain consumer reading the backlog and counting records: what Kafka and its client deliver here. */
    private static double bareConsumer(KafkaBroker kafka, int records, int maxPoll) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-bare");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPoll);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(BACKLOG));
            long read = 0;
            long bytes = 0;
            long start = 0;
            while (read < records) {
                ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(500));
                if (start == 0 && !polled.isEmpty()) {
                    start = System.nanoTime();
                }
                for (ConsumerRecord<String, String> record : polled) {
                    bytes += record.value().length();
                    read++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  bare consumer: %,d records, %,d MB of values in %.1f s%n", read, bytes >> 20, seconds);
            return read / seconds;
        }
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
                    producer.send(new ProducerRecord<>(PACED, i % partitions, BenchLogRecords.service(i),
                            BenchLogRecords.record(i, Instant.now())));
                }
            }
        }
    }
}
