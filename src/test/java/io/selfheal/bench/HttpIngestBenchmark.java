package io.selfheal.bench;

import com.sun.net.httpserver.HttpServer;
import io.selfheal.app.SelfhealApp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * {@code POST /api/v1/logs} → parse → fingerprint → PostgreSQL through the service's real routes (in this JVM), with
 * {@code --clients} concurrent clients sending {@code --batch}-event bodies ({@code --format ndjson|json}, optionally
 * {@code --gzip true}). Phases:
 * <ol>
 *   <li>bare: the same clients send the same bodies to a JDK HTTP server that only reads them (the transport ceiling);</li>
 *   <li>throughput: {@code --events} events (a multiple of {@code --batch}; see {@link BenchLogRecords}) as fast as the
 *       service answers; a 200 means
 *       the batch is stored, so lines/s are events over wall time; rows in log_entries are checked exactly;</li>
 *   <li>latency: {@code --rate} events/s for {@code --seconds} s, each stamped with the moment it is due and sent once
 *       its client's batch of {@code --paced-batch} is full; append→row latency is the answer's arrival minus the stamp
 *       (a client held up by slow answers sends late, and that lateness counts).</li>
 * </ol>
 * The clients are {@link KeepAliveHttpClient}s writing requests built once (the load generator's CPU is not the
 * service's). Database: the embedded test server, or {@code --jdbc-url} (see docs/benchmarks.md, "HTTP").
 * Run: {@code scripts/bench-sources.sh http --events 400000}.
 */
public final class HttpIngestBenchmark {
    private static final int DISTINCT_BODIES = 40;

    private HttpIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(args)) {
            run(env);
        }
        System.exit(0);
    }

    private static void run(BenchEnvironment env) throws Exception {
        int events = env.intOption("events", 400_000);
        int clients = env.intOption("clients", 4);
        int batch = env.intOption("batch", 1000);
        int rate = env.intOption("rate", 20_000);
        int seconds = env.intOption("seconds", 20);
        int pacedBatch = env.intOption("paced-batch", 200);
        Body body = new Body(env.option("format", "ndjson"), Boolean.parseBoolean(env.option("gzip", "false")));
        System.out.printf("load average at start: %s%n", BenchEnvironment.loadAverage());
        System.out.println("PostgreSQL: " + env.databaseSettings());
        System.out.printf("%d clients, %,d-event %s bodies%n", clients, batch, body);

        BenchEnvironment.JvmFigures bareJvm = env.jvmFigures();
        double bare = bare(events, clients, batch, body);
        System.out.printf("BARE HTTP SERVER (reads the bodies only): %,.0f events/s (%s)%n", bare, bareJvm);

        SelfhealApp app = env.startApp(Map.of());
        URI endpoint = URI.create("http://127.0.0.1:" + app.camelContext().getPropertiesComponent()
                .resolveProperty("selfheal.http.port").orElseThrow() + "/api/v1/logs");
        try {
            // Warm-up, not counted: a running service has long compiled its pipeline (default: 20 bodies)
            send(endpoint, env.intOption("warmup-events", 20 * batch), clients, batch, body);
            env.resetDatabase();
            BenchEnvironment.JvmFigures jvm = env.jvmFigures();
            long start = System.nanoTime();
            long expected = send(endpoint, events, clients, batch, body);
            double seconds0 = (System.nanoTime() - start) / 1e9;
            String figures = jvm.toString();
            long rows = env.count("SELECT count(*) FROM log_entries");
            System.out.printf("THROUGHPUT: %,d lines in %.1f s: %,.0f lines/s = %.0f%% of the bare server (%s)%n",
                    events, seconds0, events / seconds0, 100 * events / seconds0 / bare, figures);
            System.out.printf("COUNTS: %,d error rows, expected %,d: %s%n", rows, expected,
                    rows == expected ? "EXACT" : "MISMATCH");

            BenchEnvironment.JvmFigures pacedJvm = env.jvmFigures();
            long pacedStart = System.nanoTime();
            long[] latencies = paced(endpoint, rate, seconds, clients, pacedBatch, body);
            double pacedSeconds = (System.nanoTime() - pacedStart) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("LATENCY (event created -> stored, answer received), paced at %,d lines/s for %d s in "
                    + "%d-event batches (%s):%n", rate, seconds, pacedBatch, pacedJvm);
            System.out.printf("  all lines: n=%,d stored in %.1f s (%,.0f lines/s achieved) p50=%d ms p95=%d ms p99=%d ms"
                    + " max=%d ms%n", latencies.length, pacedSeconds, latencies.length / pacedSeconds,
                    at(latencies, 0.50), at(latencies, 0.95), at(latencies, 0.99), latencies[latencies.length - 1]);
        } finally {
            app.close();
        }
        System.out.printf("load average at end: %s%n", BenchEnvironment.loadAverage());
    }

    /** The same bodies to a server that reads them and answers 200: what the clients and the loopback deliver. */
    private static double bare(int events, int clients, int batch, Body body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(clients));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            long start = System.nanoTime();
            send(uri, events, clients, batch, body);
            return events / ((System.nanoTime() - start) / 1e9);
        } finally {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdown();
        }
    }

    /**
     * Sends {@code events} events in batches from {@code clients} threads and returns how many were errors; fails on
     * any answer but 200. The bodies are
     * built once (at most {@value #DISTINCT_BODIES} different ones, sent round-robin), so the clients cost little
     * beside the server: the throughput phase measures the service, not the generator.
     */
    private static long send(URI uri, int events, int clients, int batch, Body body) throws Exception {
        List<byte[]> built = new ArrayList<>();
        List<Integer> errors = new ArrayList<>();
        for (int b = 0; b < Math.min(DISTINCT_BODIES, (events + batch - 1) / batch); b++) {
            List<String> records = new ArrayList<>(batch);
            int errorRecords = 0;
            for (int i = b * batch; i < (b + 1) * batch; i++) {
                records.add(BenchLogRecords.record(i, Instant.now()));
                errorRecords += BenchLogRecords.isError(i) ? 1 : 0;
            }
            built.add(body.request(uri, body.bytes(records)));
            errors.add(errorRecords);
        }
        AtomicLong errorsSent = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        int requests = events / batch;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    try (KeepAliveHttpClient client = new KeepAliveHttpClient(uri)) {
                        int request;
                        while ((request = next.getAndIncrement()) < requests) {
                            client.send(built.get(request % built.size()));
                            errorsSent.addAndGet(errors.get(request % built.size()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            return errorsSent.get();
        } finally {
            pool.shutdown();
        }
    }

    /** {@code rate} events/s over all clients; each event's latency runs from its creation to its batch's answer. */
    private static long[] paced(URI uri, int rate, int seconds, int clients, int batch, Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int perClient = rate * seconds / clients;
        double eventsPerNano = rate / 1e9 / clients;
        try {
            List<Future<long[]>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c * perClient;
                running.add(pool.submit(() -> {
                    long[] latencies = new long[perClient];
                    long start = System.nanoTime();
                    long startMillis = System.currentTimeMillis();
                    try (KeepAliveHttpClient client = new KeepAliveHttpClient(uri)) {
                        for (int first = 0; first < perClient; first += batch) {
                            int size = Math.min(batch, perClient - first);
                            List<String> records = new ArrayList<>(size);
                            long[] created = new long[size];
                            for (int n = 0; n < size; n++) {
                                long dueIn = (long) ((first + n) / eventsPerNano);
                                long wait = start + dueIn - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                                // The scheduled moment, not when this client got round to it: a client held up
                                // by a slow answer must count that wait (no coordinated omission).
                                created[n] = startMillis + dueIn / 1_000_000;
                                records.add(BenchLogRecords.record(offset + first + n,
                                        Instant.ofEpochMilli(created[n])));
                            }
                            client.send(body.request(uri, body.bytes(records)));
                            long answered = System.currentTimeMillis();
                            for (int n = 0; n < size; n++) {
                                latencies[first + n] = answered - created[n];
                            }
                        }
                    }
                    return latencies;
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> client : running) {
                long[] part = client.get();
                long[] merged = Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** How a batch of records is sent: NDJSON or a JSON array, optionally gzip-encoded. */
    private record Body(String format, boolean gzip) {
        byte[] bytes(List<String> records) {
            String text = format.equals("json") ? "[" + String.join(",", records) + "]" : String.join("\n", records);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return gzip ? gzip(bytes) : bytes;
        }

        /** The whole HTTP request carrying {@code bytes}, built once and written as it is. */
        byte[] request(URI uri, byte[] bytes) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", format.equals("json") ? "application/json" : "application/x-ndjson");
            if (gzip) {
                headers.put("Content-Encoding", "gzip");
            }
            return KeepAliveHttpClient.post(uri, headers, bytes);
        }

        private static byte[] gzip(byte[] bytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return format + (gzip ? " gzip" : "");
        }
    }
}
