package io.selfheal.fingerprint.mask;

/** The placeholder names written by the {@link Masker}. */
public final class Placeholders {
    public static final String ANY = "<*>";
    public static final String INT = "<int>";
    public static final String FLOAT = "<float>";
    public static final String HEX = "<hex>";
    public static final String UUID = "<uuid>";
    public static final String IP = "<ip>";
    public static final String URL = "<url>";
    public static final String EMAIL = "<email>";
    public static final String PATH = "<path>";
    public static final String DATE = "<date>";
    public static final String DURATION = "<duration>";
    public static final String HOSTNAME = "<hostname>";
    public static final String QUOTED = "<quoted>";
    public static final String BOOL = "<bool>";

    private static final String[] ALL = {ANY, INT, FLOAT, HEX, UUID, IP, URL, EMAIL, PATH, DATE, DURATION, HOSTNAME,
        QUOTED, BOOL};

    private Placeholders() {
    }

    /** {@code token} with every placeholder replaced by {@link #ANY}, so values of any type compare equal. */
    public static String generalize(String token) {
        int lt = token.indexOf('<');
        if (lt < 0) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        int i = 0;
        while (lt >= 0) {
            String placeholder = placeholderAt(token, lt);
            if (placeholder == null) {
                out.append(token, i, lt + 1);
                i = lt + 1;
            } else {
                out.append(token, i, lt).append(ANY);
                i = lt + placeholder.length();
            }
            lt = token.indexOf('<', i);
        }
        return out.append(token, i, token.length()).toString();
    }

    private static String placeholderAt(String token, int index) {
        for (String placeholder : ALL) {
            if (token.startsWith(placeholder, index)) {
                return placeholder;
            }
        }
        return null;
    }
}
