package io.selfheal.bench;

import io.selfheal.app.SelfhealApp;
import io.selfheal.store.Database;
import io.selfheal.store.DatabaseSettings;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;

import javax.sql.DataSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the source benchmarks share: the database (the embedded test server, or an external PostgreSQL given with
 * {@code --jdbc-url} / {@code -Dbench.jdbc-url}, e.g. a durable cluster from {@code initdb}), the service started on
 * it in this JVM, command-line options, and the JVM figures printed beside each result (heap used, GC time, load
 * average).
 */
final class BenchEnvironment implements AutoCloseable {
    private final Map<String, String> options;
    private final DataSource dataSource;
    private final Database external;
    private final Map<String, String> dbProperties = new HashMap<>();
    private final HeapSampler heap = new HeapSampler();

    private BenchEnvironment(Map<String, String> options) {
        this.options = options;
        String url = option("jdbc-url", System.getProperty("bench.jdbc-url", ""));
        String user = option("jdbc-user", System.getProperty("bench.jdbc-user", "selfheal"));
        String password = option("jdbc-password", System.getProperty("bench.jdbc-password", ""));
        if (url.isEmpty()) {
            TestDatabase embedded = TestDatabase.get();
            DatabaseSettings settings = embedded.settings();
            dataSource = embedded.dataSource();
            external = null;
            url = settings.url();
            user = settings.user();
            password = settings.password() == null ? "" : settings.password();
        } else {
            external = Database.start(DatabaseSettings.external(url, user, password));
            dataSource = external.dataSource();
        }
        dbProperties.put("selfheal.db.url", url);
        dbProperties.put("selfheal.db.user", user);
        dbProperties.put("selfheal.db.password", password);
        resetDatabase();
        heap.start();
    }

    static BenchEnvironment start(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2).toLowerCase(Locale.ROOT), args[i + 1]);
        }
        return new BenchEnvironment(options);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, String.valueOf(fallback)));
    }

    /** The service, in this JVM, on the benchmark's database; file tailing off unless overridden. */
    SelfhealApp startApp(Map<String, String> overrides) throws Exception {
        Map<String, String> properties = new HashMap<>(dbProperties);
        properties.put("selfheal.http.port", String.valueOf(RunningApp.freePort()));
        properties.put("selfheal.files.enabled", "false");
        properties.put("selfheal.files.directory", Files.createTempDirectory("bench-logs").toString());
        properties.putAll(overrides);
        return new SelfhealApp(null, properties).start();
    }

    /** Empties every application table. */
    void resetDatabase() {
        TestDatabase.reset(dataSource);
    }

    long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's durability settings, printed with every result. */
    String databaseSettings() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('shared_buffers')")) {
            rs.next();
            return (external == null ? "embedded " : "external ") + rs.getString(1).split(" on ")[0] + ", fsync="
                    + rs.getString(2) + " synchronous_commit=" + rs.getString(3) + " shared_buffers=" + rs.getString(4);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Restarts the heap peak and GC counters, e.g. once the service is up, so they cover the measured phase only. */
    JvmFigures jvmFigures() {
        return new JvmFigures(heap, gcMillis(), gcCount());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Override
    public void close() {
        heap.interrupt();
        if (external != null) {
            external.close();
        }
    }

    /** JVM figures of a phase: peak heap used (sampled every 100 ms), GC collections and time, load average. */
    static final class JvmFigures {
        private final HeapSampler heap;
        private final long gcMillisAtStart;
        private final long gcCountAtStart;
        private final long cpuNanosAtStart = cpuNanos();

        private JvmFigures(HeapSampler heap, long gcMillisAtStart, long gcCountAtStart) {
            this.heap = heap;
            this.gcMillisAtStart = gcMillisAtStart;
            this.gcCountAtStart = gcCountAtStart;
            heap.restart();
        }

        /** CPU time of this whole JVM (service, clients, JIT, GC) since the phase began; not the database server's. */
        double cpuSeconds() {
            return (cpuNanos() - cpuNanosAtStart) / 1e9;
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        @Override
        public String toString() {
            return String.format("heap used peak %,d MB of max %,d MB; GC %,d collections, %,d ms; JVM CPU %.1f s; "
                            + "load average %s", heap.peak() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    gcCount() - gcCountAtStart, gcMillis() - gcMillisAtStart, cpuSeconds(), loadAverage());
        }
    }

    private static final class HeapSampler extends Thread {
        private volatile long peak;

        HeapSampler() {
            super("bench-heap-sampler");
            setDaemon(true);
        }

        void restart() {
            peak = used();
        }

        long peak() {
            return Math.max(peak, used());
        }

        private static long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    peak = Math.max(peak, used());
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                // closing
            }
        }
    }
}
