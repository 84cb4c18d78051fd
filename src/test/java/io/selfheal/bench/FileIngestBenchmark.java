package io.selfheal.bench;

import io.selfheal.app.SelfhealApp;
import io.selfheal.store.DatabaseSettings;
import io.selfheal.testing.MixedLogLines;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file source end to end, as a user runs it: the whole service (its real routes, in this JVM) tails a directory
 * into a durable PostgreSQL ({@code fsync=on}, {@code synchronous_commit=on}), embedded or external. Three phases:
 * <ol>
 *   <li>throughput: a file of {@code --lines} records (10% ERROR, half of them with a Java or Python stack trace; JSON
 *       and plain text from five services, {@link MixedLogLines}) is moved into the tailed directory; lines/s are
 *       counted from the move until the file's position and every expected row are committed. Counts are checked
 *       exactly: ERROR rows in {@code log_entries}, every record in {@code log_line_counts};</li>
 *   <li>latency: {@code --rate} lines/s are appended for {@code --seconds} seconds, each stamped with the moment it is
 *       written; a watcher polls the database every 20 ms and takes, for each stored row, the delay from its
 *       timestamp to the moment the row was seen committed (p50/p99; the watcher's own poll adds up to ~20 ms);</li>
 *   <li>ceiling: the rows phase 1 stored are copied out and COPYed back into the same table (fresh source
 *       references) by a bare {@code CopyManager}, one transaction per {@code --ceiling-batch} rows: the rate the
 *       database itself accepts these rows at, to set beside the pipeline's.</li>
 * </ol>
 * Heap used (peak of 100 ms samples), GC time (all collectors) and the load average are printed for each phase.
 *
 * <p>Run (see docs/benchmarks.md): {@code java -Xmx512m -cp "$(cat target/cp.txt):target/classes:target/test-classes"
 * [-Dbench.lines=1000000] [-Dbench.rate=20000] [-Dbench.seconds=20] [-Dbench.ceiling-batch=5000] [-Dbench.user=selfheal]
 * [-Dbench.password=...] [-Dselfheal.<property>=<value>...] io.selfheal.bench.FileIngestBenchmark embedded|<jdbc url>}.
 */
public final class FileIngestBenchmark {

    private FileIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("bench.lines", 1_000_000);
        int rate = Integer.getInteger("bench.rate", 20_000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int ceilingBatch = Integer.getInteger("bench.ceiling-batch", 5_000);
        // Lines sent through the service before phase 1 and not measured, so phase 1 runs JIT-compiled code (without
        // them, C2 compiling the pipeline took ~6 s of CPU of a 1,000,000-line run on this 2-core machine).
        int warmup = Integer.getInteger("bench.warmup-lines", 0);
        if (warmup >= lines) {
            throw new IllegalArgumentException("bench.warmup-lines must be fewer than bench.lines");
        }
        String db = args.length > 0 ? args[0] : "embedded";
        DatabaseSettings database = "embedded".equals(db) ? TestDatabase.get().settings()
                : DatabaseSettings.external(db, System.getProperty("bench.user", "selfheal"),
                        System.getProperty("bench.password"));

        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "file-bench-");
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path backlog = work.resolve("backlog.log");
        long physicalLines = generate(backlog, lines);
        long errors = countErrors(lines);
        System.out.printf("%s UTC, %d cores, max heap %d MB, load %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        System.out.printf("file: %,d records (%,d physical lines, %,d MB), %,d ERROR records%n", lines,
                physicalLines, Files.size(backlog) >> 20, errors);

        Map<String, String> properties = new HashMap<>();
        properties.put("selfheal.db.url", database.url());
        properties.put("selfheal.db.user", database.user());
        properties.put("selfheal.db.password", database.password() == null ? "" : database.password());
        properties.put("selfheal.http.port", String.valueOf(RunningApp.freePort()));
        properties.put("selfheal.files.directory", logs.toString());
        properties.putAll(appOverrides());
        try (SelfhealApp app = new SelfhealApp(null, properties).start();
             Connection c = connect(database)) {
            System.out.println("PostgreSQL: " + settings(c));
            HeapSampler heap = new HeapSampler();
            if (warmup > 0) {
                Path warm = work.resolve("warmup.log");
                generate(warm, warmup);
                long warmStart = System.nanoTime();
                Path warmMoved = logs.resolve("warmup.log");
                Files.move(warm, warmMoved, StandardCopyOption.ATOMIC_MOVE);
                // Fewer bytes than the measured file, so awaitPosition (the largest committed offset) stays exact.
                awaitPosition(c, logs, Files.size(warmMoved), Duration.ofMinutes(20));
                System.out.printf("WARMUP %,d lines in %.1f s, not measured%n", warmup,
                        (System.nanoTime() - warmStart) / 1e9);
            }

            // Phase 1: throughput
            Path moved = logs.resolve("backlog.log");
            String source = "file:" + moved.normalize();
            long countedBefore = countedLines(c);
            heap.reset();
            long start = System.nanoTime();
            Files.move(backlog, moved, StandardCopyOption.ATOMIC_MOVE);
            long size = Files.size(moved);
            awaitPosition(c, logs, size, Duration.ofMinutes(20));
            double elapsed = (System.nanoTime() - start) / 1e9;
            long stored = count(c, "SELECT count(*) FROM log_entries WHERE source = ?", source);
            long counted = countedLines(c) - countedBefore;
            System.out.printf("THROUGHPUT file: %,d lines in %.1f s: %,.0f lines/s (%,.0f physical lines/s); "
                            + "%,d ERROR rows stored (expected %,d)%s; %,d lines counted per service and level%n",
                    lines, elapsed, lines / elapsed, physicalLines / elapsed, stored, errors,
                    stored == errors ? "" : " MISMATCH", counted);
            heap.print("  phase 1");

            // Phase 2: latency at a paced rate
            heap.reset();
            long[] latencies = paced(c, logs.resolve("paced.log"), rate, seconds);
            System.out.printf("LATENCY append -> row committed at %,d lines/s for %d s: n=%,d rows p50=%d ms "
                    + "p99=%d ms max=%d ms%n", rate, seconds, latencies[0], latencies[1], latencies[2], latencies[3]);
            heap.print("  phase 2");

            // Phase 3: the bare COPY ceiling, same rows, same table, same durability
            CopyCeiling.Result ceiling = CopyCeiling.measure(c, source, ceilingBatch, work.resolve("rows.copy"));
            double ceilingLines = ceiling.rowsPerSecond() * lines / Math.max(1, stored);
            System.out.printf("CEILING bare COPY: %,d rows in batches of %,d: %,.0f rows/s, i.e. %,.0f lines/s of "
                            + "this mix (%.1f lines per stored row); the pipeline reached %.0f%% of it%n",
                    ceiling.rows(), ceilingBatch, ceiling.rowsPerSecond(), ceilingLines, (double) lines / stored,
                    100 * (lines / elapsed) / ceilingLines);
        }
        System.out.printf("load average at end: %s%n", loadAverage());
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.exit(0);
    }

    /** Application properties given as system properties, e.g. {@code -Dselfheal.files.max-batch-lines=10000}. */
    private static Map<String, String> appOverrides() {
        Map<String, String> app = new HashMap<>();
        System.getProperties().forEach((name, value) -> {
            if (name.toString().startsWith("selfheal.")) {
                app.put(name.toString(), value.toString());
            }
        });
        return app;
    }

    private static long generate(Path file, int records) throws IOException {
        long physical = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                String line = MixedLogLines.line(i);
                physical += line.chars().filter(ch -> ch == '\n').count() + 1;
                out.write(line);
                out.write('\n');
            }
        }
        return physical;
    }

    private static long countErrors(int records) {
        long errors = 0;
        for (int i = 0; i < records; i++) {
            errors += MixedLogLines.isError(i) ? 1 : 0;
        }
        return errors;
    }

    /** Waits until every file of {@code logs} has its position committed at {@code size}. */
    private static void awaitPosition(Connection c, Path logs, long size, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String prefix = "file:" + logs.normalize() + "#";
        long last = -1;
        long lastPrint = System.nanoTime();
        while (true) {
            long offset = 0;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT position FROM source_offsets WHERE starts_with(source_id, ?)")) {
                select.setString(1, prefix);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        offset = Math.max(offset, Long.parseLong(rows.getString(1).split("\\|")[1]));
                    }
                }
            }
            if (offset >= size) {
                return;
            }
            if (System.nanoTime() - lastPrint > 2_000_000_000L && offset != last) {
                System.out.printf("  %,d of %,d bytes committed, load %s%n", offset, size, loadAverage());
                last = offset;
                lastPrint = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not committed within " + timeout + ": " + offset + " of " + size);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Appends {@code rate} lines/s in 10 ms slices to {@code file}, each stamped with its write time, while a watcher
     * takes each stored row's delay from that stamp to its commit being visible. Returns n, p50, p99, max in ms.
     */
    private static long[] paced(Connection c, Path file, int rate, int seconds) throws Exception {
        long firstId = count(c, "SELECT coalesce(max(id), 0) FROM log_entries");
        String source = "file:" + file.normalize();
        long expected = 0;
        for (int i = 0; i < rate * seconds; i++) {
            expected += MixedLogLines.isError(i) ? 1 : 0;
        }
        AtomicBoolean done = new AtomicBoolean();
        RowWatcher watcher = new RowWatcher(c, source, firstId, expected, done);
        Thread watching = new Thread(watcher, "bench-row-watcher");
        watching.start();
        int perSlice = Math.max(1, rate / 100);
        long start = System.nanoTime();
        int i = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int slice = 0; slice < seconds * 100; slice++) {
                long wait = start + slice * 10_000_000L - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                Instant now = Instant.now();
                for (int n = 0; n < perSlice; n++, i++) {
                    out.write(MixedLogLines.line(i, now));
                    out.write('\n');
                }
                out.flush();
            }
        }
        watching.join(Duration.ofMinutes(2).toMillis());
        done.set(true);
        watching.join();
        if (watcher.failure != null) {
            throw watcher.failure;
        }
        long[] sorted = Arrays.copyOf(watcher.latencies, watcher.seen);
        Arrays.sort(sorted);
        if (watcher.seen != expected) {
            System.out.printf("  MISMATCH: %,d of %,d expected paced rows seen%n", watcher.seen, expected);
        }
        return sorted.length == 0 ? new long[4]
                : new long[]{sorted.length, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]};
    }

    /** Polls for rows of one source newer than a watermark and records how old each was when first seen. */
    private static final class RowWatcher implements Runnable {
        private final Connection c;
        private final String source;
        private final long expected;
        private final AtomicBoolean done;
        private long watermark;
        private final Set<Long> ids = new HashSet<>();
        private long[] latencies = new long[1 << 16];
        private int seen;
        private volatile Exception failure;

        RowWatcher(Connection c, String source, long watermark, long expected, AtomicBoolean done) {
            this.c = c;
            this.source = source;
            this.watermark = watermark;
            this.expected = expected;
            this.done = done;
        }

        @Override
        public void run() {
            // Concurrent transactions may commit out of id order: look back a margin, deduplicate by id.
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, ts FROM log_entries WHERE id > ? AND source = ?")) {
                while (seen < expected && !done.get()) {
                    select.setLong(1, Math.max(0, watermark - 50_000));
                    select.setString(2, source);
                    try (ResultSet rows = select.executeQuery()) {
                        long now = System.currentTimeMillis();
                        while (rows.next()) {
                            long id = rows.getLong(1);
                            if (ids.add(id)) {
                                if (seen == latencies.length) {
                                    latencies = Arrays.copyOf(latencies, seen * 2);
                                }
                                latencies[seen++] = now - rows.getTimestamp(2).getTime();
                                watermark = Math.max(watermark, id);
                            }
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (SQLException | InterruptedException e) {
                failure = e;
            }
        }
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Lines counted in log_line_counts for the backlog, or -1 when the table does not exist (older schema). */
    private static long countedLines(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT to_regclass('log_line_counts') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return -1;
            }
        }
        // The backlog's lines are stamped 2024-05-01; plain-text lines name no service and count under the file's.
        return count(c, "SELECT coalesce(sum(lines), 0) FROM log_line_counts WHERE minute < '2025-01-01'");
    }

    static long count(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Connection connect(DatabaseSettings database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private static String settings(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('shared_buffers'), version()")) {
            rs.next();
            return "fsync=" + rs.getString(1) + " synchronous_commit=" + rs.getString(2)
                    + " shared_buffers=" + rs.getString(3) + " (" + rs.getString(4).split(" on ")[0] + ")";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Peak heap used (sampled every 100 ms) and GC time of one phase. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private long gcAtStart;
        private long countAtStart;
        private long cpuAtStart;

        HeapSampler() {
            Thread sampler = new Thread(() -> {
                while (true) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void reset() {
            peak.set(0);
            gcAtStart = gcMillis();
            countAtStart = gcCount();
            cpuAtStart = cpuNanos();
        }

        void print(String phase) {
            System.out.printf("%s: heap used peak %d MB of %d MB max; GC %d collections, %d ms; JVM CPU %.1f s; "
                            + "load %s%n", phase, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    gcCount() - countAtStart, gcMillis() - gcAtStart, (cpuNanos() - cpuAtStart) / 1e9, loadAverage());
        }

        /** CPU time of this JVM (the service, the benchmark's writer and watcher; not the database server). */
        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }

        private static long gcCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }
    }
}
