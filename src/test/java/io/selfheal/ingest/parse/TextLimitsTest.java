package io.selfheal.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextLimitsTest {

    @Test
    void textThatFitsIsReturnedAsIs() {
        String text = "Connection refused";
        assertThat(TextLimits.cap(text, 18)).isSameAs(text);
        assertThat(TextLimits.cap(null, 10)).isNull();
    }

    @Test
    void longTextKeepsItsHeadAndNamesHowMuchWasCut() {
        assertThat(TextLimits.cap("Connection refused", 10)).isEqualTo("Connection…[truncated 8 chars]");
    }

    @Test
    void surrogatePairsAreNotSplit() {
        String text = "ok 🔥 fire";
        assertThat(TextLimits.cap(text, 4)).isEqualTo("ok …[truncated 7 chars]");
    }

    @Test
    void utf8LengthCountsEncodedBytes() {
        String text = "Zahlung für 🔥 €5";
        assertThat(TextLimits.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
}
