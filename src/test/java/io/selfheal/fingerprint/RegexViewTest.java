package io.selfheal.fingerprint;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier's regexes never see a long run or a long text (issue 12: one 16k-character word took ~4 s), and
 * what decides a classification stays visible.
 */
class RegexViewTest {
    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void shortTextIsShownAsItIs() {
        String text = "java.sql.SQLException: connection refused";
        assertThat(RegexView.of(text)).isSameAs(text);
        String longButWordy = "order 42 failed ".repeat(400);
        assertThat(RegexView.of(longButWordy)).hasSizeLessThanOrEqualTo(RegexView.MAX_CHARS);
    }

    @Test
    void everyViewIsBoundedWhateverTheInput() {
        Random random = new Random(12);
        String[] alphabets = {"SQLException", "ab", " ", "\t\n ", "0123456789abcdef", "(( ) in ", "x "};
        for (int round = 0; round < 120; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 << random.nextInt(19); // 1 B .. 256 kB
            while (text.length() < length) {
                String alphabet = alphabets[random.nextInt(alphabets.length)];
                int run = 1 + random.nextInt(random.nextBoolean() ? 8 : 4096);
                for (int i = 0; i < run; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String view = RegexView.of(text.toString());
            assertThat(view.length()).isLessThanOrEqualTo(RegexView.MAX_CHARS);
            assertThat(longestRun(view, false)).isLessThanOrEqualTo(RegexView.MAX_RUN);
            assertThat(longestRun(view, true)).isLessThanOrEqualTo(RegexView.MAX_RUN);
            if (text.length() <= RegexView.MAX_CHARS && longestRun(text, false) <= RegexView.MAX_RUN
                    && longestRun(text, true) <= RegexView.MAX_RUN) {
                assertThat(view).isEqualTo(text.toString());
            }
        }
    }

    @Test
    void whatDecidesTheTypeSurvivesAGiantWord() {
        String hex = "0123456789abcdef".repeat(64 * 1024); // a 1 MB hex dump
        assertThat(classifier.classify("payload " + hex + " java.sql.SQLException: broken", null))
                .isEqualTo(ErrorType.DATABASE);
        assertThat(classifier.classify("ERROR " + hex, null)).isEqualTo(ErrorType.UNKNOWN);
        assertThat(classifier.classify("SQL".repeat(6000), null)).isEqualTo(ErrorType.UNKNOWN);
        String longQualifiedName = "com." + "deeply.nested.package.".repeat(40) + "SQLSyntaxErrorException:";
        assertThat(classifier.classify(longQualifiedName + " bad grammar", null)).isEqualTo(ErrorType.DATABASE);
        assertThat(classifier.classify("Connection timed out" + " ".repeat(100_000) + hex, null))
                .isEqualTo(ErrorType.NETWORK);
    }

    private static int longestRun(CharSequence text, boolean blank) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = Character.isWhitespace(text.charAt(i)) == blank ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
