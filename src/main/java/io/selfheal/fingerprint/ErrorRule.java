package io.selfheal.fingerprint;

import java.util.regex.Pattern;

/** One row of the classification table: text matching {@code pattern} (case-insensitively) is an error of {@code type}. */
public record ErrorRule(ErrorType type, Pattern pattern) {

    public static ErrorRule of(ErrorType type, String regex) {
        return new ErrorRule(type, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    public boolean matches(String text) {
        return pattern.matcher(text).find();
    }
}
