package io.selfheal.fingerprint;

import java.util.Locale;

/** Coarse category of an error; drives severity and which healing strategies apply. Stored as {@link #code()}. */
public enum ErrorType {
    DATABASE, NETWORK, RESOURCE, NULL_REFERENCE, AUTH, HTTP_5XX, CONFIGURATION, DEPENDENCY, UNKNOWN;

    /** The value stored in PostgreSQL (checked by a constraint there). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorType fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
