package io.selfheal.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code --demo}: three fake services writing logs, and a {@link DemoReceiver} their healing actions reach, so the
 * whole loop (incident, diagnosis, action, approval, verification) runs on one machine within a minute or two.
 * Action targets and the operator token the user left unconfigured are pointed at the demo (a token is generated
 * and printed); whatever the user configured stays as configured. The demo's timings live in {@code demo.properties}.
 */
public final class DemoMode implements AutoCloseable {
    /** How long a fake service stays healthy after an action reached it. */
    private static final Duration HEALTHY_FOR = Duration.ofMinutes(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DemoReceiver receiver;
    private final DemoLogWriter writer;
    private final Path logDirectory;
    private final String generatedOperatorToken;

    private DemoMode(DemoReceiver receiver, DemoLogWriter writer, Path logDirectory, String generatedOperatorToken) {
        this.receiver = receiver;
        this.writer = writer;
        this.logDirectory = logDirectory;
        this.generatedOperatorToken = generatedOperatorToken;
    }

    /**
     * @param settings  the effective settings (blank = not configured)
     * @param overrides sets a setting for this run, above every other source
     */
    public static DemoMode start(Function<String, Optional<String>> settings, BiConsumer<String, String> overrides,
                                 Path logDirectory, Clock clock) throws IOException {
        DemoFleet fleet = new DemoFleet(clock, HEALTHY_FOR);
        String webhookToken = newToken();
        DemoReceiver receiver = DemoReceiver.start(webhookToken, fleet);
        if (unset(settings, "selfheal.actions.webhook.url")) {
            overrides.accept("selfheal.actions.webhook.url", receiver.webhookUrl());
            overrides.accept("selfheal.actions.webhook.token", webhookToken);
        }
        if (unset(settings, "selfheal.actions.slack.webhook-url") && unset(settings, "selfheal.actions.pagerduty.routing-key")) {
            overrides.accept("selfheal.actions.slack.webhook-url", receiver.chatUrl());
        }
        String operatorToken = null;
        if (unset(settings, "selfheal.api.operator-token")) {
            operatorToken = newToken();
            overrides.accept("selfheal.api.operator-token", operatorToken);
        }
        DemoLogWriter writer = new DemoLogWriter(logDirectory, fleet).start();
        return new DemoMode(receiver, writer, logDirectory, operatorToken);
    }

    /** What a newcomer needs to follow the demo: where to look and the token that approves actions. */
    public void announce(PrintStream out, int httpPort, boolean dryRun) {
        String base = "http://localhost:" + httpPort;
        String token = generatedOperatorToken != null ? generatedOperatorToken : "the one you configured (selfheal.api.operator-token)";
        out.println();
        out.println("=== Selfheal demo ===========================================================");
        out.println(" Dashboard:      " + base + "/");
        out.println(" Operator token: " + token);
        out.println(" Fake services orders, payments and inventory write logs into " + logDirectory.toAbsolutePath() + ";");
        out.println(" their healing actions go to the demo receiver at " + receiver.webhookUrl() + " on this machine.");
        out.println(dryRun ? " Dry run is ON: actions are recorded with the exact request, nothing is sent."
                : " Dry run is off for the demo: every action goes to the demo receiver only.");
        out.println(" Within a minute or two: incidents, diagnoses, actions and verifications. The rollback of");
        out.println(" inventory waits for you: curl -X POST -H 'Authorization: Bearer <token>' " + base + "/api/v1/actions/<id>/approve");
        out.println(" Pending approvals: " + base + "/api/v1/actions?status=pending_approval");
        out.println("=============================================================================");
        out.println();
    }

    private static boolean unset(Function<String, Optional<String>> settings, String key) {
        return settings.apply(key).map(String::isBlank).orElse(true);
    }

    private static String newToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        writer.close();
        receiver.close();
    }
}
