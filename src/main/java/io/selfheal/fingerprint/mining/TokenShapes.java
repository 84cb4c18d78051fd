package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.Placeholders;

/**
 * The shape of a masked token: placeholders of every type become {@code <*>}, brackets, quotes and list
 * punctuation around values are dropped ({@code ws=<*>}} and {@code ws=<bool>} agree), and a token that is nothing
 * but values and punctuation ({@code <ip>,<ip>}, {@code (<float>}) becomes {@code <*>} entirely. Tokens of equal
 * shape belong to the same template position.
 */
final class TokenShapes {
    private static final String DROPPED = "()[]{}\"',;";

    private TokenShapes() {
    }

    static String of(String token) {
        String general = Placeholders.generalize(token);
        if (general == token) {
            return emptyValueShape(token);
        }
        StringBuilder shape = new StringBuilder(general.length());
        boolean constantPart = false;
        for (int i = 0; i < general.length(); i++) {
            char c = general.charAt(i);
            if (general.startsWith(Placeholders.ANY, i)) {
                shape.append(Placeholders.ANY);
                i += Placeholders.ANY.length() - 1;
            } else if (DROPPED.indexOf(c) < 0) {
                shape.append(c);
                constantPart |= Character.isLetterOrDigit(c);
            }
        }
        return constantPart ? shape.toString() : Placeholders.ANY;
    }

    /**
     * An empty value has the shape of a present one: {@code ()}, {@code []} or {@code ""} are {@code <*>}, and
     * {@code key=} (or {@code (key=)}) is {@code key=<*>}, so {@code from ()} and {@code from (host.example.org)},
     * {@code user=} and {@code user=alice} are one template. Other tokens without placeholders are their own shape.
     */
    private static String emptyValueShape(String token) {
        int length = token.length();
        if (length < 2 || DROPPED.indexOf(token.charAt(0)) < 0 && token.indexOf('=') < 0) {
            return token;
        }
        StringBuilder kept = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (DROPPED.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        int n = kept.length();
        if (n == 0) {
            return Placeholders.ANY;
        }
        if (n >= 2 && kept.charAt(n - 1) == '=' && Character.isLetterOrDigit(kept.charAt(n - 2))) {
            return kept.append(Placeholders.ANY).toString();
        }
        return token;
    }

    /** Whether the token shape is a bare value, with no constant part such as a key. */
    static boolean isBareValue(String shape) {
        return shape.equals(Placeholders.ANY);
    }

    static String[] of(String[] tokens) {
        String[] shapes = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            shapes[i] = of(tokens[i]);
        }
        return shapes;
    }

    static String key(String[] shapes) {
        return String.join(" ", shapes);
    }

    /** The first token without a value, the index key for candidates of an alignment join; empty when none. */
    static String anchor(String[] shapes) {
        for (String shape : shapes) {
            if (!TemplateAlignment.isVariable(shape)) {
                return shape;
            }
        }
        return "";
    }
}
