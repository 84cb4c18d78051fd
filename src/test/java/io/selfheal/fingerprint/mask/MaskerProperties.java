package io.selfheal.fingerprint.mask;

import io.selfheal.ingest.parse.HostileLogLines;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masker on hostile text (NULs, control characters, invalid UTF-8 decoded, giant words and lines, huge numbers,
 * traces cut anywhere): it never throws, a reused buffer gives what a fresh one gives, and its entry points agree.
 */
class MaskerProperties {

    @Property(tries = 500)
    void masksAnyTextTheSameWayThroughEveryEntryPoint(@ForAll("records") String message, @ForAll("records") String before) {
        String masked = Masker.mask(message);
        MaskedMessage tokenized = Masker.tokenize(message);
        assertThat(tokenized.text()).isEqualTo(masked);
        assertThat(tokenized.words()).hasSameSizeAs(tokenized.tokens());
        assertThat(tokenized.variable()).hasSize(tokenized.tokens().length);
        assertThat(String.join(" ", tokenized.tokens())).isEqualTo(masked);

        // The hot path reuses one buffer across messages: what it held before must not leak into the next result.
        MaskBuffer buffer = new MaskBuffer();
        Masker.mask(before, buffer);
        Masker.mask(message, buffer);
        assertThat(buffer.toString()).isEqualTo(masked);

        // The byte entry point (plain ASCII lines of the group command) masks as the String one does.
        String ascii = message.chars().map(c -> c < 128 ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        byte[] bytes = ("#" + ascii + "#").getBytes(StandardCharsets.US_ASCII);
        Masker.mask(bytes, 1, bytes.length - 1, buffer);
        assertThat(buffer.toString()).isEqualTo(Masker.mask(ascii));
        assertThat(buffer.fingerprint()).isEqualTo(fingerprintOf(ascii));
    }

    private static long fingerprintOf(String message) {
        MaskBuffer fresh = new MaskBuffer();
        Masker.mask(message, fresh);
        return fresh.fingerprint();
    }

    /** A number standing alone between words is a value: two messages differing only there mask alike. */
    @Property(tries = 300)
    void aStandaloneNumberNeverSplitsAMessage(@ForAll("words") List<String> prefix, @ForAll("words") List<String> suffix,
                                              @ForAll long first, @ForAll long second) {
        String head = String.join(" ", prefix);
        String tail = String.join(" ", suffix);
        assertThat(Masker.mask(head + " " + first + " " + tail)).isEqualTo(Masker.mask(head + " " + second + " " + tail));
    }

    @Provide
    Arbitrary<String> records() {
        return HostileLogLines.records();
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(5).ofMaxLength(12).list().ofMinSize(1).ofMaxSize(6);
    }
}
