package io.selfheal.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of {@code selfheal.*} keys for features that keep their settings in their own package. Like
 * {@code SelfhealSettings}, defaults live in {@code application.properties} only: a missing key fails fast.
 */
public final class SettingsReader {
    private final Function<String, Optional<String>> properties;

    public SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    /** A key whose default is empty; blank reads as null. */
    public String optional(String key) {
        return properties.apply(key).filter(v -> !v.isBlank()).map(String::trim).orElse(null);
    }

    public String required(String key) {
        String value = optional(key);
        if (value == null) {
            throw new IllegalStateException("Missing setting " + key);
        }
        return value;
    }

    public int integer(String key) {
        String value = required(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + value, e);
        }
    }

    public double decimal(String key) {
        String value = required(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + value, e);
        }
    }

    public boolean bool(String key) {
        String value = required(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + ": must be true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    public Duration duration(String key) {
        return DurationText.parse(key, required(key));
    }
}
