package io.selfheal.grouping.eval;

import io.selfheal.grouping.eval.WrittenLogs.Event;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static io.selfheal.grouping.eval.WrittenLogs.pick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second held-out check on logs written here, of systems none of the Loghub samples has: Kubernetes, PostgreSQL,
 * a JVM, network gear, a load balancer, a job runner. Names of things (namespaces, containers, users, databases,
 * caches, clients, services, replicas, queues, jobs) are words drawn from skewed pools; sizes and durations are
 * printed in the unit that suits them; interfaces and workers are indexed names; and there are switches that must
 * stay apart (up/down, won/stepping down, SUCCESS/FAILED, healthy/unhealthy). Written on 2026-12-03 after the rules
 * for units, indexed names and values in place of values were fixed, and scored once: GA 0.930, 0.933, 0.932 and
 * FGA 0.848 in the three draws (the version before those rules: GA 0.894-0.901, FGA 0.783). What it still splits:
 * four replica names, too few to be told from a switch by their count and never seen elsewhere, and the Go error
 * text after {@code TLS handshake error from <ip>:}, a different sentence per cause (docs/grouping.md). The
 * assertions are a regression floor of those figures.
 */
class OperationsLogsTest {
    private static final String[] NAMESPACES = {"default", "payments", "checkout", "kube-system", "monitoring",
        "search", "ingress-nginx", "batch"};
    private static final String[] CONTAINERS = {"app", "envoy", "nginx", "migrate", "worker", "sidecar", "redis",
        "fluent-bit"};
    private static final String[] NODES = {"node-alpha", "node-bravo", "gpu-pool", "spot-east", "infra"};
    private static final String[] DB_USERS = {"app_rw", "reporting", "postgres", "airflow", "metabase", "grafana"};
    private static final String[] DATABASES = {"orders", "billing", "inventory", "analytics", "postgres"};
    private static final String[] APPS = {"psql", "pgbouncer", "orders-api", "airflow-scheduler"};
    private static final String[] PROCESSES = {"java", "python3", "node", "postgres", "envoy"};
    private static final String[] CACHES = {"sessions", "tokens", "carts", "profiles", "catalog", "prices"};
    private static final String[] CLIENTS = {"mobile-app", "web", "partner-acme", "internal-cron", "partner-globex"};
    private static final String[] SERVICES = {"payment-gateway", "fraud-check", "ledger", "notifications",
        "shipping-quotes", "search"};
    private static final String[] REPLICAS = {"replica-a", "replica-b", "standby-east", "standby-west"};
    private static final String[] QUEUES = {"emails", "webhooks", "exports", "thumbnails", "invoices", "events"};
    private static final String[] JOBS = {"nightly-export", "invoice-run", "cleanup", "reindex", "backup",
        "sitemap"};
    private static final String[] TLS_ERRORS = {"EOF", "remote error: tls: bad certificate",
        "tls: first record does not look like a TLS handshake", "read: connection reset by peer"};

    /** A host's address: unlike {@link WrittenLogs#ip}, never a network's ({@code .0}) or a broadcast. */
    private static String hostIp(Random r) {
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private static String pod(Random r) {
        return pick(r, SERVICES) + "-" + Integer.toHexString(0x10000000 + r.nextInt(0x0fffffff)) + "-"
                + Integer.toString(36 * 36 * 36 + r.nextInt(36 * 36 * 36 * 35), 36);
    }

    /** A size in the unit that suits it, as humanising formatters print it. */
    private static String size(Random r) {
        double bytes = Math.pow(10, 2 + r.nextDouble() * 10);
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }

    /** A duration in the unit that suits it. */
    private static String duration(Random r) {
        double ms = Math.pow(10, r.nextDouble() * 5);
        return ms < 1000 ? String.format(java.util.Locale.ROOT, "%.1f ms", ms) : ms < 60_000 ? String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000)
                : String.format(java.util.Locale.ROOT, "%.1f min", ms / 60_000);
    }

    private static final List<Event> EVENTS = List.of(
        new Event("scheduled", r -> "Successfully assigned " + pick(r, NAMESPACES) + "/" + pod(r) + " to "
                + pick(r, NODES)),
        new Event("pulling", r -> "Pulling image \"registry.example.org/" + pick(r, CONTAINERS) + ":1."
                + r.nextInt(20) + "." + r.nextInt(10) + "\""),
        new Event("backoff", r -> "Back-off restarting failed container " + pick(r, CONTAINERS) + " in pod "
                + pod(r) + "_" + pick(r, NAMESPACES) + "(" + new java.util.UUID(r.nextLong(), r.nextLong()) + ")"),
        new Event("liveness", r -> "Liveness probe failed: HTTP probe failed with statuscode: "
                + (500 + r.nextInt(4))),
        new Event("readiness", r -> "Readiness probe failed: Get \"http://" + hostIp(r) + ":8080/healthz\": context "
                + "deadline exceeded"),
        new Event("oom", r -> "Memory cgroup out of memory: Killed process " + (1000 + r.nextInt(60000)) + " ("
                + pick(r, PROCESSES) + ") total-vm:" + r.nextInt(9_000_000) + "kB, anon-rss:"
                + r.nextInt(4_000_000) + "kB, file-rss:0kB"),
        new Event("checkpoint", r -> "checkpoint complete: wrote " + r.nextInt(5000) + " buffers ("
                + String.format(java.util.Locale.ROOT, "%.1f", r.nextDouble() * 30) + "%); 0 WAL file(s) added, " + r.nextInt(9)
                + " removed, " + r.nextInt(9) + " recycled; write=" + String.format(java.util.Locale.ROOT, "%.3f", r.nextDouble() * 300)
                + " s, sync=" + String.format(java.util.Locale.ROOT, "%.3f", r.nextDouble()) + " s, total="
                + String.format(java.util.Locale.ROOT, "%.3f", r.nextDouble() * 300) + " s"),
        new Event("authorized", r -> "connection authorized: user=" + pick(r, DB_USERS) + " database="
                + pick(r, DATABASES) + " application_name=" + pick(r, APPS)),
        new Event("auth-failed", r -> "password authentication failed for user \"" + pick(r, DB_USERS) + "\""),
        new Event("disk", r -> "Filesystem " + (r.nextBoolean() ? "/dev/sda1" : "/dev/nvme0n1p2") + " usage at "
                + (80 + r.nextInt(20)) + "% (" + size(r) + " free)"),
        new Event("link-up", r -> "Interface eth" + r.nextInt(4) + " changed state to up"),
        new Event("link-down", r -> "Interface eth" + r.nextInt(4) + " changed state to down"),
        new Event("bgp-down", r -> "BGP neighbor " + hostIp(r) + " Down - Hold timer expired"),
        new Event("bgp-up", r -> "BGP neighbor " + hostIp(r) + " Up"),
        new Event("cache", r -> "cache " + pick(r, CACHES) + " hit ratio " + String.format(java.util.Locale.ROOT, "%.2f", r.nextDouble())
                + " over last " + r.nextInt(100_000) + " requests"),
        new Event("leader-won", r -> "Leader election won by " + pick(r, NODES) + " for term " + r.nextInt(500)),
        new Event("leader-down", r -> "Stepping down as leader for term " + r.nextInt(500) + ", new leader is "
                + pick(r, NODES)),
        new Event("ratelimit", r -> "Rate limit exceeded for client " + pick(r, CLIENTS) + " on route /api/v"
                + (1 + r.nextInt(2)) + "/" + pick(r, QUEUES)),
        new Event("cert", r -> "Certificate for " + pick(r, SERVICES) + ".example.com expires in "
                + (1 + r.nextInt(30)) + " days"),
        new Event("retry", r -> "Retrying request to " + pick(r, SERVICES) + " in " + duration(r) + " (attempt "
                + (1 + r.nextInt(5)) + " of 5)"),
        new Event("unhealthy", r -> "Upstream " + pick(r, SERVICES) + " marked as unhealthy after "
                + (1 + r.nextInt(5)) + " failed checks"),
        new Event("healthy", r -> "Upstream " + pick(r, SERVICES) + " marked as healthy after " + (1 + r.nextInt(5))
                + " passed checks"),
        new Event("job-ok", r -> "Job " + pick(r, JOBS) + " finished with status SUCCESS in " + duration(r)),
        new Event("job-failed", r -> "Job " + pick(r, JOBS) + " finished with status FAILED in " + duration(r)),
        new Event("lag", r -> "Replica " + pick(r, REPLICAS) + " is lagging by "
                + String.format(java.util.Locale.ROOT, "%.1f", r.nextDouble() * 90) + " s behind primary"),
        new Event("queue-depth", r -> "Queue depth for " + pick(r, QUEUES) + " is " + (1000 + r.nextInt(9000))
                + ", above threshold 1000"),
        new Event("worker", r -> "Worker worker" + (1 + r.nextInt(8)) + " started with " + (4 + r.nextInt(60))
                + " threads"),
        new Event("gc", r -> "GC(" + r.nextInt(9000) + ") Pause Young (Normal) (G1 Evacuation Pause) "
                + r.nextInt(4000) + "M->" + r.nextInt(4000) + "M(" + r.nextInt(8000) + "M) "
                + String.format(java.util.Locale.ROOT, "%.3f", r.nextDouble() * 200) + "ms"),
        new Event("deploy", r -> "Deployed version v1." + r.nextInt(30) + "." + r.nextInt(10) + " of "
                + pick(r, SERVICES) + " to " + pick(r, NAMESPACES)),
        new Event("tls", r -> "http: TLS handshake error from " + hostIp(r) + ":" + (1024 + r.nextInt(60000)) + ": "
                + pick(r, TLS_ERRORS)));

    /** Three draws of the same events: the figures must not depend on one lucky order of names. */
    @ParameterizedTest
    @ValueSource(longs = {20261203, 11, 424242})
    void operationsLogsGroupByEvent(long seed) {
        GroupingScores scores = WrittenLogs.score(EVENTS, seed, 3000);
        assertThat(scores.groupingAccuracy()).as("GA").isGreaterThanOrEqualTo(0.929);
        assertThat(scores.groupingF1()).as("FGA").isGreaterThanOrEqualTo(0.848);
        assertThat(scores.predictedGroups()).as("groups, for 30 events").isLessThanOrEqualTo(36);
    }
}
