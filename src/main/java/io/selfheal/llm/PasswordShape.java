package io.selfheal.llm;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a bare token looks like a password or a generated secret, wherever it appears. Passwords are made to mix
 * character classes and to be unpredictable; identifiers are made to be read. A token is split at the separators of
 * structured names ({@code . - _ / : %}, and {@code $} of inner classes: paths, hosts, class names, versions,
 * timestamps, ids); it is
 * password-shaped when one part of at least {@value #MIN_LENGTH} characters, varied enough (character entropy)
 * <ul>
 *   <li>mixes all four classes — lower case, upper case, digits, symbols — with a letter next to a digit (the shape
 *       password policies ask for: {@code S3cr3tP@ssw0rd!2026}, {@code Sommer2024!}), or</li>
 *   <li>mixes both cases and digits, jumping between letters and digits at least three times and flipping letter
 *       case often ({@code o8Wbx6S8vBR1dw0}, base64 keys), where a name's words flip case only at word starts
 *       ({@code Log4jLoggerAdapter}, {@code steps0mLastReport7214}).</li>
 * </ul>
 * Hexadecimal runs (hashes, object ids, UUIDs) count no jumps.
 */
final class PasswordShape {
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 64;
    /** Bits per character; a part of this length repeating few characters is no random string. */
    private static final double MIN_ENTROPY = 2.5;
    /** Share of adjacent letter pairs that change case: about 1/2 in random text, about 1/3 or less in camelCase words. */
    private static final double MIN_CASE_FLIP_RATE = 0.4;
    /** {@code $} before a capital joins a Java inner class ({@code HttpServer2$QuotingInputFilter}). */
    private static final Pattern SEPARATORS = Pattern.compile("[./:_%-]+|\\$(?=[A-Z])");
    private static final Pattern HEX_RUN = Pattern.compile("[0-9a-f]{6,}|[0-9A-F]{6,}");

    private PasswordShape() {
    }

    static boolean matches(String token) {
        if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
            return false;
        }
        for (String part : SEPARATORS.split(token)) {
            if (part.length() >= MIN_LENGTH && partMatches(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean partMatches(String part) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                symbol = true;
            }
        }
        if (!(lower && upper && digit) || entropy(part) < MIN_ENTROPY) {
            return false;
        }
        int jumps = letterDigitJumps(HEX_RUN.matcher(part).replaceAll("#"));
        if (symbol) {
            return jumps >= 1;
        }
        return jumps >= 3 && caseFlipRate(part) >= MIN_CASE_FLIP_RATE;
    }

    /** Adjacent letter-digit or digit-letter pairs. */
    private static int letterDigitJumps(String part) {
        int jumps = 0;
        for (int i = 1; i < part.length(); i++) {
            char a = part.charAt(i - 1);
            char b = part.charAt(i);
            if ((Character.isLetter(a) && Character.isDigit(b)) || (Character.isDigit(a) && Character.isLetter(b))) {
                jumps++;
            }
        }
        return jumps;
    }

    private static double caseFlipRate(String part) {
        int pairs = 0;
        int flips = 0;
        for (int i = 1; i < part.length(); i++) {
            char a = part.charAt(i - 1);
            char b = part.charAt(i);
            if (Character.isLetter(a) && Character.isLetter(b)) {
                pairs++;
                if (Character.isUpperCase(a) != Character.isUpperCase(b)) {
                    flips++;
                }
            }
        }
        return pairs == 0 ? 0 : (double) flips / pairs;
    }

    /** Shannon entropy of the part's characters, in bits per character. */
    private static double entropy(String part) {
        double bits = 0;
        double n = part.length();
        for (long count : part.chars().boxed().collect(Collectors.groupingBy(c -> c, Collectors.counting())).values()) {
            bits -= count / n * (Math.log(count / n) / Math.log(2));
        }
        return bits;
    }
}
