package io.selfheal.grouping.eval;

import io.selfheal.grouping.eval.WrittenLogs.Event;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.selfheal.grouping.eval.WrittenLogs.ip;
import static io.selfheal.grouping.eval.WrittenLogs.pick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A held-out check on logs written here, in formats of none of the Loghub samples (sshd, PAM, systemd, a queue
 * broker, a web service), with word-valued variables drawn from a skewed pool of names and switch-like events that
 * must stay apart. Nothing of the miner was tuned on them; they were written after its rules and thresholds were set.
 * Until two names varying together could be learned, every event was one group except {@code consumer <user>
 * subscribed to <queue>} (GA 0.933, FGA 0.82): that event motivated the two-position rule, so this check no longer
 * counts as held out for it (docs/grouping.md). Every event is now one group, in each of three draws.
 */
class HandWrittenLogsTest {
    private static final String[] USERS = {"root", "deploy", "backup", "jenkins", "postgres", "www-data", "nagios",
        "alice", "bob", "carol", "dave", "ubuntu", "admin", "test", "oracle", "git", "ftp", "guest", "pi", "support"};
    private static final String[] QUEUES = {"orders", "payments", "invoices", "emails", "audit", "shipping",
        "refunds", "reports", "search-index", "notifications"};
    private static final String[] UNITS = {"nginx.service", "cron.service", "sshd.service", "docker.service",
        "postgresql.service", "redis.service", "kubelet.service", "chronyd.service"};

    private static final List<Event> EVENTS = List.of(
        new Event("accepted", r -> "Accepted publickey for " + pick(r, USERS) + " from " + ip(r) + " port "
                + r.nextInt(65536) + " ssh2"),
        new Event("failed", r -> "Failed password for " + pick(r, USERS) + " from " + ip(r) + " port "
                + r.nextInt(65536) + " ssh2"),
        new Event("invalid", r -> "Invalid user " + pick(r, USERS) + " from " + ip(r)),
        new Event("opened", r -> "pam_unix(sshd:session): session opened for user " + pick(r, USERS) + " by (uid="
                + r.nextInt(2000) + ")"),
        new Event("closed", r -> "pam_unix(sshd:session): session closed for user " + pick(r, USERS)),
        new Event("started", r -> "Started " + pick(r, UNITS) + "."),
        new Event("stopped", r -> "Stopped " + pick(r, UNITS) + "."),
        new Event("reverse", r -> "connection from " + ip(r) + " (" + (r.nextBoolean() ? "" : "host"
                + r.nextInt(50) + ".example.org") + ") at " + r.nextInt(24) + ":" + r.nextInt(60)),
        new Event("full", r -> "queue " + pick(r, QUEUES) + " is full, dropping " + r.nextInt(500) + " messages"),
        new Event("drained", r -> "queue " + pick(r, QUEUES) + " drained in " + r.nextInt(900) + "ms"),
        new Event("consumer", r -> "consumer " + pick(r, USERS) + " subscribed to " + pick(r, QUEUES)
                + " partition=" + (r.nextInt(4) == 0 ? "" : String.valueOf(r.nextInt(12)))),
        new Event("link-up", r -> "link eth" + r.nextInt(4) + " is up"),
        new Event("link-down", r -> "link eth" + r.nextInt(4) + " is down"),
        new Event("login", r -> "user " + pick(r, USERS) + " logged in"),
        new Event("logout", r -> "user " + pick(r, USERS) + " logged out"));

    /** Three draws of the same events: the figures must not depend on one lucky order of names. */
    @ParameterizedTest
    @ValueSource(longs = {20261202, 7, 1_000_003})
    void wordValuedVariablesGroupAndSwitchesStayApart(long seed) {
        GroupingScores scores = WrittenLogs.score(EVENTS, seed, 3000);
        assertThat(scores.groupingAccuracy()).as("GA").isEqualTo(1.0);
        assertThat(scores.groupingF1()).as("FGA").isEqualTo(1.0);
        assertThat(scores.predictedGroups()).as("groups").isEqualTo(EVENTS.size());
    }
}
