package io.selfheal.fingerprint.mask;

import java.util.ArrayList;
import java.util.List;

/** English month and weekday names, abbreviated and full, as they appear in textual dates. */
final class CalendarNames {
    private static final String[] NAMES = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
        "December", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday"};
    /**
     * The names by initial ('A' to 'Z'): every capitalised word is checked, so the check compares in place instead
     * of cutting the word out and hashing it.
     */
    private static final String[][] BY_INITIAL = byInitial();

    private CalendarNames() {
    }

    private static String[][] byInitial() {
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            lists.add(new ArrayList<>());
        }
        for (String name : NAMES) {
            lists.get(name.charAt(0) - 'A').add(name);
        }
        String[][] table = new String[26][];
        for (int i = 0; i < 26; i++) {
            table[i] = lists.get(i).toArray(String[]::new);
        }
        return table;
    }

    static boolean contains(String s, int a, int b) {
        int end = b > a && s.charAt(b - 1) == ',' ? b - 1 : b;
        int length = end - a;
        if (length < 3 || length > 9) {
            return false;
        }
        char initial = s.charAt(a);
        if (initial < 'A' || initial > 'Z') {
            return false;
        }
        for (String name : BY_INITIAL[initial - 'A']) {
            if (name.length() == length && s.startsWith(name, a)) {
                return true;
            }
        }
        return false;
    }
}
