package io.selfheal.fingerprint.stack;

import io.selfheal.fingerprint.Fingerprint;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.grouping.eval.GroupingScorer;
import io.selfheal.grouping.eval.GroupingScores;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups the generated multi-language corpus (800 events of 81 bugs from real programs, two builds each) through the
 * parser and the whole {@link Fingerprinter}, and scores it against the bug labels.
 */
class GeneratedStackCorpusGroupingTest {

    @Test
    void everyBugIsOneGroupAndNoGroupMixesBugs() {
        Fingerprinter fingerprinter = Fingerprinter.withDefaults(Level.ERROR);
        List<GeneratedStackCorpus.Event> corpus = GeneratedStackCorpus.all();
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        Map<String, Set<String>> idsByBug = new TreeMap<>();
        Map<String, Set<String>> bugsById = new TreeMap<>();
        Map<String, String> signatures = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        List<String> unparsed = new ArrayList<>();
        for (GeneratedStackCorpus.Event event : corpus) {
            Fingerprint fingerprint = fingerprinter.group(logEvent(event));
            if (fingerprint.stackSignature() == null) {
                unparsed.add(event.id());
            }
            truth.add(event.bug());
            predicted.add(fingerprint.id());
            idsByBug.computeIfAbsent(event.bug(), b -> new TreeSet<>()).add(fingerprint.id());
            bugsById.computeIfAbsent(fingerprint.id(), i -> new TreeSet<>()).add(event.bug());
            signatures.putIfAbsent(fingerprint.id(), fingerprint.stackSignature());
            examples.putIfAbsent(fingerprint.id(), event.id() + " (" + event.path() + ")");
        }
        GroupingScores scores = GroupingScorer.score(truth, predicted);
        System.out.printf("stack corpus: %d events, %d bugs, %d groups: GA %.4f, FGA %.4f%n", corpus.size(),
                scores.truthGroups(), scores.predictedGroups(), scores.groupingAccuracy(), scores.groupingF1());
        idsByBug.forEach((bug, ids) -> {
            if (ids.size() > 1) {
                System.out.println("split " + bug + ":");
                ids.forEach(id -> System.out.println("  " + examples.get(id) + " " + signatures.get(id).replace("\n", " | ")));
            }
        });
        bugsById.forEach((id, bugs) -> {
            if (bugs.size() > 1) {
                System.out.println("merged " + bugs + ": " + signatures.get(id));
            }
        });

        assertThat(unparsed).as("events not parsed as stack traces").isEmpty();
        assertThat(corpus).hasSize(800);
        assertThat(scores.truthGroups()).isEqualTo(81);
        assertThat(scores.groupingAccuracy()).isGreaterThanOrEqualTo(0.98);
        assertThat(scores.groupingF1()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void signaturesHoldNoLineNumbersOffsetsIdsOrThreadNames() {
        StackTraceParser parser = new StackTraceParser();
        StackGrouper grouper = new StackGrouper();
        for (GeneratedStackCorpus.Event event : GeneratedStackCorpus.all()) {
            String signature = grouper.key(parser.parse(event.trace()).orElseThrow()).signature();
            assertThat(signature).as(event.id())
                    .doesNotContainPattern(":\\d|\\$\\d|Accessor\\d|Proxy\\d|\\.func\\d")
                    .doesNotContain("worker-", "scheduling-", "notify-", "goroutine", "0x", "/tmp/", "build b");
        }
    }

    private static LogEvent logEvent(GeneratedStackCorpus.Event event) {
        return new LogEvent("shopfront-" + event.language(), Instant.parse("2026-12-02T10:00:00Z"), Level.ERROR,
                "shopfront", event.message(), event.trace(), Map.of(), "test", event.message(), null);
    }
}
