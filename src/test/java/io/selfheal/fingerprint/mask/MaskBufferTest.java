package io.selfheal.fingerprint.mask;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MaskBufferTest {

    private static long fingerprint(String message) {
        MaskBuffer buffer = new MaskBuffer();
        Masker.mask(message, buffer);
        return buffer.fingerprint();
    }

    @Test
    void equalMaskedTextsShareAFingerprintWhateverTheValues() {
        assertThat(fingerprint("user 42 logged in from 10.0.0.7"))
                .isEqualTo(fingerprint("user  7 logged in from 192.168.1.20"));
        assertThat(fingerprint("user 42 logged in from 10.0.0.7"))
                .isNotEqualTo(fingerprint("user 42 logged out from 10.0.0.7"));
    }

    @Test
    void aReusedBufferGivesTheFingerprintOfItsLatestText() {
        MaskBuffer buffer = new MaskBuffer();
        Masker.mask("a much longer message that fills the buffer with many words first", buffer);
        Masker.mask("short one", buffer);
        assertThat(buffer.fingerprint()).isEqualTo(fingerprint("short one"));
        assertThat(buffer).hasToString("short one");
    }

    /** Records the fingerprint of {@code message}'s masked text; fails if a different masked text had it. */
    private static void assertUnique(Map<Long, String> seen, String message) {
        String masked = Masker.mask(message);
        assertThat(seen.putIfAbsent(fingerprint(message), masked)).isIn(null, masked);
    }

    @Test
    void distinctMaskedTextsGetDistinctFingerprints() {
        // Every one-character change of a text, and many texts of near-identical shape and every length to 300.
        Map<Long, String> seen = new HashMap<>();
        String base = "GET /api/orders failed: upstream timeout after retries; circuit open for orders-service";
        for (int i = 0; i < base.length(); i++) {
            for (char c = ' '; c < 127; c++) {
                assertUnique(seen, base.substring(0, i) + c + base.substring(i + 1));
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append((char) ('a' + i % 26));
            assertUnique(seen, text.toString());
            for (int k = 0; k < 200; k++) {
                assertUnique(seen, text + " key" + Integer.toString(k, 36).replaceAll("[0-9]", "q"));
            }
        }
        assertThat(seen).hasSizeGreaterThan(15_000);
    }
}
