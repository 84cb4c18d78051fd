package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.Placeholders;

/**
 * The shape of a masked token: placeholders of every type become {@code <*>}, and a token that is nothing but
 * values and punctuation ({@code <ip>,<ip>}, {@code (<float>}) becomes {@code <*>} entirely. Tokens of equal shape
 * belong to the same template position.
 */
final class TokenShapes {
    private TokenShapes() {
    }

    static String of(String token) {
        String general = Placeholders.generalize(token);
        if (general == token) {
            return token;
        }
        String rest = general.replace(Placeholders.ANY, "");
        for (int i = 0; i < rest.length(); i++) {
            if (Character.isLetterOrDigit(rest.charAt(i))) {
                return general;
            }
        }
        return Placeholders.ANY;
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
