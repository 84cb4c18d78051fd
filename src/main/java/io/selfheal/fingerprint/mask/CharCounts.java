package io.selfheal.fingerprint.mask;

/**
 * How many characters of each kind that decides a word's masking a slice of a message holds: digits, {@code /},
 * {@code :}, {@code .}, {@code @}, {@code \} and the delimiters {@code , ; | = ( ) [ ] { } " '}. The counts are packed
 * into one long, nine bits each, and gathered in one branch-free pass by adding table entries; the masker then reads
 * them instead of scanning the slice again for every check it considers. Counts above 511 stay at 511, which no check
 * needs to tell apart.
 */
final class CharCounts {
    private static final int BITS = 9;
    private static final int MAX = (1 << BITS) - 1;
    static final int SLASH = 0;
    static final int COLON = BITS;
    static final int DOT = 2 * BITS;
    static final int AT = 3 * BITS;
    static final int DIGIT = 4 * BITS;
    static final int BACKSLASH = 5 * BITS;
    static final int DELIMITER = 6 * BITS;
    static final String DELIMITERS = ",;|=()[]{}\"'";
    private static final int FIELDS = 7;
    /** What each ASCII character adds to the packed counts. */
    private static final long[] TABLE = table();

    private CharCounts() {
    }

    private static long[] table() {
        long[] table = new long[128];
        table['/'] = 1L << SLASH;
        table[':'] = 1L << COLON;
        table['.'] = 1L << DOT;
        table['@'] = 1L << AT;
        table['\\'] = 1L << BACKSLASH;
        for (char c = '0'; c <= '9'; c++) {
            table[c] = 1L << DIGIT;
        }
        for (int i = 0; i < DELIMITERS.length(); i++) {
            table[DELIMITERS.charAt(i)] = 1L << DELIMITER;
        }
        return table;
    }

    /** The counts of {@code s[a, b)}. */
    static long of(char[] s, int a, int b) {
        long total = 0;
        // Up to MAX characters at a time, so that no field can carry into the next one.
        for (int from = a; from < b; from += MAX) {
            long counts = 0;
            for (int i = from, to = Math.min(b, from + MAX); i < to; i++) {
                counts += of(s[i]);
            }
            total = from == a ? counts : saturatedSum(total, counts);
        }
        return total;
    }

    /** The counts of the single character {@code c}. */
    static long of(char c) {
        return c < 128 ? TABLE[c] : 0;
    }

    /** The count of one kind: {@code field} is one of the bit offsets above. */
    static int get(long counts, int field) {
        return (int) (counts >>> field) & MAX;
    }

    private static long saturatedSum(long x, long y) {
        long sum = 0;
        for (int field = 0; field < FIELDS * BITS; field += BITS) {
            sum |= (long) Math.min(MAX, get(x, field) + get(y, field)) << field;
        }
        return sum;
    }
}
