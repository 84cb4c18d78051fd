package io.selfheal.fingerprint.mask;

/**
 * Units of measure of sizes and durations: the SI and IEC prefixed units and the names of time, not the words of
 * any one log. A program that scales what it prints picks the unit by the value ({@code 93.0 B}, {@code 5.2 KB};
 * {@code 0.6 sec}, {@code 1.05 secs}), so where a number is followed by different units the unit varies with it.
 */
public final class UnitNames {
    private static final WordSet NAMES = new WordSet(
        "B", "kB", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "PiB",
        "ns", "us", "ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
        "h", "hr", "hrs", "hour", "hours", "day", "days");

    private UnitNames() {
    }

    /** Whether {@code word} is such a unit. */
    public static boolean contains(String word) {
        return word.length() <= 7 && NAMES.contains(word.toCharArray(), 0, word.length());
    }
}
