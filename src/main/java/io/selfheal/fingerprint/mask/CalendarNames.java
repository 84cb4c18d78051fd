package io.selfheal.fingerprint.mask;

import java.util.Set;

/** English month and weekday names, abbreviated and full, as they appear in textual dates. */
final class CalendarNames {
    private static final Set<String> NAMES = Set.of(
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
            "December", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday", "Sunday");

    private CalendarNames() {
    }

    static boolean contains(String s, int a, int b) {
        int end = b > a && s.charAt(b - 1) == ',' ? b - 1 : b;
        return end - a >= 3 && end - a <= 9 && Character.isUpperCase(s.charAt(a)) && NAMES.contains(s.substring(a, end));
    }
}
