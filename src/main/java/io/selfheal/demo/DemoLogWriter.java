package io.selfheal.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes realistic logs of three fake services (a Java order service, a Python payment worker, a Node.js inventory
 * API, just deployed as version 2.4.1) into the tailed directory, so a newcomer sees fingerprints within seconds of
 * {@code --demo}. A service writes its errors only while the {@link DemoFleet} says it is failing.
 */
public final class DemoLogWriter implements AutoCloseable {
    private static final DateTimeFormatter LOGBACK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Path directory;
    private final DemoFleet fleet;
    private final Random random = new Random();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "selfheal-demo");
        t.setDaemon(true);
        return t;
    });

    public DemoLogWriter(Path directory, DemoFleet fleet) {
        this.directory = directory;
        this.fleet = fleet;
    }

    public DemoLogWriter start() throws IOException {
        Files.createDirectories(directory);
        scheduler.scheduleAtFixedRate(this::writeSome, 0, 500, TimeUnit.MILLISECONDS);
        return this;
    }

    private void writeSome() {
        try {
            append("orders.log", orders());
            append("payments.log", payments());
            append("inventory.log", inventory());
        } catch (IOException e) {
            System.err.println("demo: cannot write logs: " + e);
        }
    }

    private String orders() {
        String now = LocalDateTime.now().format(LOGBACK);
        int orderId = 10_000 + random.nextInt(90_000);
        return switch (fleet.failing("orders") ? random.nextInt(6) : 1 + random.nextInt(5)) {
            case 0 -> now + " ERROR [http-nio-8080-exec-" + (1 + random.nextInt(9)) + "] c.a.orders.OrderRepository - "
                    + "Could not save order " + orderId + "\n"
                    + "org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection\n"
                    + "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)\n"
                    + "\tat com.acme.orders.OrderRepository.save(OrderRepository.java:" + (40 + random.nextInt(5)) + ")\n"
                    + "\tat com.acme.orders.OrderService.place(OrderService.java:88)\n"
                    + "\tat com.acme.orders.OrderController.create(OrderController.java:31)\n"
                    + "Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after "
                    + (30000 + random.nextInt(50)) + "ms.\n"
                    + "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n"
                    + "\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\n"
                    + "\t... 42 more\n";
            case 1 -> now + " WARN  [scheduling-1] c.a.orders.RetryPolicy - Retrying order " + orderId + " after "
                    + (100 + random.nextInt(900)) + "ms (attempt " + (1 + random.nextInt(3)) + ")\n";
            default -> now + " INFO  [http-nio-8080-exec-2] c.a.orders.OrderController - Order " + orderId
                    + " placed by customer " + UUID.randomUUID() + "\n";
        };
    }

    private String payments() {
        String ts = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        if (fleet.failing("payments") && random.nextInt(4) == 0) {
            return "{\"asctime\": \"" + ts + "\", \"levelname\": \"ERROR\", \"name\": \"payments.gateway\", "
                    + "\"message\": \"Charge failed for invoice INV-" + random.nextInt(99999) + "\", \"exc_info\": "
                    + "\"Traceback (most recent call last):\\n  File \\\"/app/payments/gateway.py\\\", line 57, in charge\\n"
                    + "    resp = self.session.post(url, json=body, timeout=5)\\n"
                    + "  File \\\"/usr/lib/python3.11/site-packages/requests/sessions.py\\\", line 637, in post\\n"
                    + "    return self.request(\\\"POST\\\", url, data=data, json=json, **kwargs)\\n"
                    + "requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.stripe.example', port=443): "
                    + "Max retries exceeded\"}\n";
        }
        return "{\"asctime\": \"" + ts + "\", \"levelname\": \"INFO\", \"name\": \"payments.worker\", "
                + "\"message\": \"Processed " + random.nextInt(50) + " payments in " + random.nextInt(900) + "ms\"}\n";
    }

    private String inventory() {
        long now = System.currentTimeMillis();
        if (fleet.failing("inventory") && random.nextInt(5) == 0) {
            return "{\"level\":50,\"time\":" + now + ",\"pid\":4242,\"hostname\":\"inventory-7d9f\",\"name\":\"inventory\",\"version\":\"2.4.1\","
                    + "\"msg\":\"Unhandled error in GET /items/" + random.nextInt(5000) + "\",\"err\":{\"type\":\"TypeError\","
                    + "\"message\":\"Cannot read properties of undefined (reading 'sku')\",\"stack\":\"TypeError: Cannot read "
                    + "properties of undefined (reading 'sku')\\n    at toDto (/srv/app/src/items.js:"
                    + (20 + random.nextInt(3)) + ":31)\\n    at Array.map (<anonymous>)\\n    at listItems "
                    + "(/srv/app/src/items.js:44:22)\\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\"}}\n";
        }
        return "{\"level\":30,\"time\":" + now + ",\"pid\":4242,\"hostname\":\"inventory-7d9f\",\"name\":\"inventory\",\"version\":\"2.4.1\","
                + "\"msg\":\"GET /items 200 " + random.nextInt(80) + "ms\"}\n";
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(directory.resolve(file), text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
