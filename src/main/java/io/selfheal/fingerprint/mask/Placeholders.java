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

    private Placeholders() {
    }
}
