package io.selfheal.assess;

import java.util.Locale;

/** How urgent an incident is. Stored as {@link #code()} (checked by a constraint in PostgreSQL). */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
