package io.selfheal.fingerprint.mask;

/** English month and weekday names, abbreviated and full, as they appear in textual dates. */
final class CalendarNames {
    private static final WordSet NAMES = new WordSet(
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
        "December", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday");

    private CalendarNames() {
    }

    /** Whether {@code s[a, b)}, without one trailing comma, is a month or weekday name. */
    static boolean contains(char[] s, int a, int b) {
        int end = b > a && s[b - 1] == ',' ? b - 1 : b;
        int length = end - a;
        // Most words are not capitalised or not of a name's length: settle those before the set lookup.
        return length >= 3 && length <= 9 && s[a] >= 'A' && s[a] <= 'Z' && NAMES.contains(s, a, end);
    }
}
