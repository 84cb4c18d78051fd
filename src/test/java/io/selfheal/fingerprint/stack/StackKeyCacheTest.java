package io.selfheal.fingerprint.stack;

import io.selfheal.fingerprint.stack.StackKeyCache.KeyedStack;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StackKeyCacheTest {
    private final StackTraceParser parser = new StackTraceParser();
    private final StackGrouper grouper = new StackGrouper();

    @Test
    void everyTraceOfTheCorpusGetsTheKeyParsingItGives() {
        StackKeyCache cache = new StackKeyCache(parser, grouper, 8, 16 * 1024);
        for (int round = 0; round < 2; round++) {
            for (TraceSample sample : TraceCorpus.all()) {
                String trace = new String(sample.trace()); // a fresh copy, as every event brings its own
                Optional<StackKey> direct = parser.parse(trace).map(grouper::key);
                assertThat(cache.parse(trace).map(KeyedStack::key)).as(sample.toString()).isEqualTo(direct);
            }
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8);
    }

    @Test
    void aRepeatedTraceIsLookedUpAndALongOneParsedEachTime() {
        String trace = TraceCorpus.all().get(0).trace();
        StackKeyCache cache = new StackKeyCache(parser, grouper, 8, trace.length());
        Optional<KeyedStack> first = cache.parse(trace);
        assertThat(first).isPresent();
        assertThat(cache.parse(new String(trace)).get()).isSameAs(first.get());

        StackKeyCache shortTexts = new StackKeyCache(parser, grouper, 8, trace.length() - 1);
        assertThat(shortTexts.parse(trace).get()).isNotSameAs(shortTexts.parse(trace).get())
                .isEqualTo(first.get());
        assertThat(shortTexts.size()).isZero();
    }

    @Test
    void notATraceIsRememberedAsNone() {
        StackKeyCache cache = new StackKeyCache(parser, grouper, 8, 1024);
        assertThat(cache.parse("just a message, no frames")).isEmpty();
        assertThat(cache.parse(null)).isEmpty();
        assertThat(cache.parse("just a message, no frames")).isEmpty();
    }
}
