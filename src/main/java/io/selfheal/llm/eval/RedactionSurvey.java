package io.selfheal.llm.eval;

import io.selfheal.grouping.eval.LoghubDataset;
import io.selfheal.llm.Redaction;
import io.selfheal.llm.RedactionSettings;
import io.selfheal.llm.Redactor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures what the redactor changes in real logs it was not designed on: for every Loghub dataset, the share of
 * lines changed and the count per kind, then every changed line (before and after) so a reader can judge whether each
 * change is a secret or personal datum or a false positive.
 * Usage: {@code java -cp target/classes:<deps> io.selfheal.llm.eval.RedactionSurvey [src/test/resources/loghub-2k]}.
 */
public final class RedactionSurvey {
    private RedactionSurvey() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args.length > 0 ? args[0] : "src/test/resources/loghub-2k");
        print(new Redactor(RedactionSettings.defaults()), data, System.out);
    }

    static void print(Redactor redactor, Path data, PrintStream out) {
        StringBuilder changes = new StringBuilder();
        long allLines = 0;
        long allChanged = 0;
        Map<String, Integer> allKinds = new TreeMap<>();
        for (LoghubDataset dataset : LoghubDataset.loadAll(data)) {
            int changed = 0;
            Map<String, Integer> kinds = new TreeMap<>();
            for (String line : dataset.rawLines()) {
                Redaction redaction = redactor.session();
                String redacted = redaction.apply(line);
                if (!redacted.equals(line)) {
                    changed++;
                    changes.append(dataset.name()).append("\n  - ").append(line).append("\n  + ").append(redacted).append('\n');
                }
                redaction.counts().forEach((kind, n) -> kinds.merge(kind, n, Integer::sum));
            }
            kinds.forEach((kind, n) -> allKinds.merge(kind, n, Integer::sum));
            allLines += dataset.rawLines().size();
            allChanged += changed;
            out.printf("%-10s %5d lines, %4d changed (%.2f%%) %s%n", dataset.name(), dataset.rawLines().size(), changed,
                    100.0 * changed / Math.max(1, dataset.rawLines().size()), kinds);
        }
        out.printf("%-10s %5d lines, %4d changed (%.2f%%) %s%n%n", "all", allLines, allChanged,
                100.0 * allChanged / Math.max(1, allLines), allKinds);
        out.print(changes);
    }
}
