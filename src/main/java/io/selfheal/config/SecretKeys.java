package io.selfheal.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which settings hold secrets, told by their key: any key whose last part ends in token, password, secret, key
 * (api-key, routing-key...), credentials or passphrase, plus the settings listed here whose value is a credential
 * although the key does not say so. Their values are never printed.
 */
public final class SecretKeys {
    private static final Set<String> SUFFIXES = Set.of("token", "password", "secret", "key", "credentials", "passphrase");
    /** A Slack incoming-webhook URL is its own credential: whoever has it can post. */
    private static final Set<String> KNOWN = Set.of("selfheal.actions.slack.webhook-url");

    private SecretKeys() {
    }

    public static boolean isSecret(String key) {
        String last = lastPart(key);
        return KNOWN.contains(key.toLowerCase(Locale.ROOT)) || SUFFIXES.stream().anyMatch(last::endsWith);
    }

    /**
     * The keywords that make Camel mask these keys wherever it prints settings (its property summaries at start-up):
     * Camel masks a key when its last part, in lower case and without dashes, occurs in this comma-separated list.
     * Because that test is "occurs in", a secret keyword such as {@code webhookurl} also masks every other key
     * ending in {@code url}; URLs can carry credentials, so that errs on the safe side.
     */
    public static String camelSensitiveKeywords(Collection<String> keys) {
        Set<String> keywords = new TreeSet<>();
        for (String key : keys) {
            if (isSecret(key)) {
                keywords.add(lastPart(key).replace("_", ""));
            }
        }
        return String.join(",", keywords);
    }

    private static String lastPart(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.substring(lower.lastIndexOf('.') + 1).replace("-", "");
    }
}
