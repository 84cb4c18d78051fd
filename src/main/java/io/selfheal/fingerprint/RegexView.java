package io.selfheal.fingerprint;

/**
 * What a classification regex is shown of an untrusted text, so its cost cannot grow faster than the text.
 *
 * <p>Rules such as {@code \w*SQL\w*Exception} are searched with {@code find()}: from every start inside a word the
 * engine runs to the word's end and backs off, so one 16k-character word (a hex dump) cost seconds, growing with the
 * square of the word. Two caps make it linear with a small bound: a run of non-blank characters longer than
 * {@value #MAX_RUN} keeps its first and last {@value #RUN_END} characters with a space between (a qualified
 * exception name ends a long run, a prefix starts it: both stay visible), and only the first {@value #MAX_CHARS}
 * characters are shown at all. No real exception name, error phrase or status line is longer than a run kept whole.
 */
final class RegexView {
    static final int MAX_CHARS = 8 * 1024;
    static final int MAX_RUN = 160;
    static final int RUN_END = 64;

    private RegexView() {
    }

    /** The text itself when it has no long run and fits; else its bounded view. One pass, stops once full. */
    static String of(String text) {
        if (text.length() <= MAX_RUN) {
            return text;
        }
        StringBuilder view = null;
        int n = text.length();
        int i = 0;
        while (i < n && (view == null || view.length() < MAX_CHARS)) {
            int runStart = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i - runStart > MAX_RUN) {
                if (view == null) {
                    view = new StringBuilder(Math.min(n, MAX_CHARS + MAX_RUN)).append(text, 0, runStart);
                }
                view.append(text, runStart, runStart + RUN_END).append(' ').append(text, i - RUN_END, i);
            } else if (view != null) {
                view.append(text, runStart, i);
            }
            int blankStart = i;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (view != null) {
                view.append(text, blankStart, Math.min(i, blankStart + MAX_RUN));
            } else if (i - blankStart > MAX_RUN || i > MAX_CHARS) {
                view = new StringBuilder(MAX_CHARS + MAX_RUN).append(text, 0, Math.min(i, blankStart + MAX_RUN));
            }
        }
        if (view == null) {
            return text;
        }
        return view.length() > MAX_CHARS ? view.substring(0, MAX_CHARS) : view.toString();
    }
}
