package io.selfheal.fingerprint.stack;

import io.selfheal.fingerprint.ErrorClassifier;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Groups the whole corpus and checks that keys and expected groups partition it the same way. */
class TraceCorpusGroupingTest {

    @Test
    void groupsTheCorpusExactlyAsExpected() {
        StackTraceParser parser = new StackTraceParser();
        StackGrouper grouper = new StackGrouper();
        List<TraceSample> corpus = TraceCorpus.all();

        Map<String, Set<String>> hashesByExpectedGroup = new TreeMap<>();
        Map<String, Set<String>> expectedGroupsByHash = new LinkedHashMap<>();
        for (TraceSample sample : corpus) {
            ParsedStack stack = parser.parse(sample.trace()).orElseThrow(() -> new AssertionError("unparsed: " + sample));
            StackKey key = grouper.key(stack);
            hashesByExpectedGroup.computeIfAbsent(sample.expectedGroup(), g -> new TreeSet<>()).add(key.hash());
            expectedGroupsByHash.computeIfAbsent(key.hash(), h -> new TreeSet<>()).add(sample.expectedGroup());
            System.out.printf("%-34s %-8s %s -> %s%n", sample.name(), stack.platform(), key.hash(), sample.expectedGroup());
        }
        System.out.printf("corpus: %d traces, %d groups obtained, %d expected%n",
                corpus.size(), expectedGroupsByHash.size(), hashesByExpectedGroup.size());

        assertThat(hashesByExpectedGroup).allSatisfy((group, hashes) -> assertThat(hashes).as(group).hasSize(1));
        assertThat(expectedGroupsByHash).allSatisfy((hash, groups) -> assertThat(groups).as(hash).hasSize(1));
        assertThat(expectedGroupsByHash).hasSameSizeAs(hashesByExpectedGroup);
    }
}
