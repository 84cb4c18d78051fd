package io.selfheal.grouping.eval;

import io.selfheal.grouping.Csv;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GroupingScorerTest {
    private static final Path DATA = Path.of("src/test/resources");

    @Test
    void reproducesDrainFiguresFromFixtures() throws IOException {
        List<LoghubDataset> datasets = LoghubDataset.loadAll(DATA.resolve("loghub-2k"));
        List<String> expected = Files.readAllLines(DATA.resolve("grouping-fixtures/drain_expected.tsv"));
        assertThat(expected).hasSize(9);
        for (String row : expected.subList(1, expected.size())) {
            String[] cols = row.split("\t");
            LoghubDataset dataset = datasets.stream().filter(d -> d.name().equals(cols[0])).findFirst().orElseThrow();
            List<String> predicted = new ArrayList<>();
            for (List<String> record : drainPredictions(cols[0])) {
                predicted.add(record.get(1));
            }
            GroupingScores scores = GroupingScorer.score(dataset.truthEventIds(), predicted);
            assertThat(scores.groupingAccuracy()).as(cols[0] + " GA").isCloseTo(Double.parseDouble(cols[1]), within(0.00005));
            assertThat(scores.groupingF1()).as(cols[0] + " FGA").isCloseTo(Double.parseDouble(cols[2]), within(0.00005));
        }
    }

    @Test
    void splittingOrMergingAGroupMakesAllItsLinesWrong() {
        GroupingScores scores = GroupingScorer.score(
                List.of("A", "A", "B", "C", "C", "D"),
                List.of("1", "1", "2", "3", "4", "2"));
        assertThat(scores.groupingAccuracy()).isCloseTo(2.0 / 6, within(1e-9));
        assertThat(scores.correctGroups()).isEqualTo(1);
        assertThat(scores.groupingPrecision()).isCloseTo(1.0 / 4, within(1e-9));
        assertThat(scores.groupingRecall()).isCloseTo(1.0 / 4, within(1e-9));
    }

    @Test
    void parsingAccuracyComparesTemplatesExactly() {
        assertThat(GroupingScorer.parsingAccuracy(List.of("a <*>", "b"), List.of("a <*>", "b <*>"))).isEqualTo(0.5);
    }

    private static List<List<String>> drainPredictions(String dataset) throws IOException {
        List<List<String>> records = Csv.parse(Files.readString(DATA.resolve("grouping-fixtures/" + dataset + "_drain_pred.csv")));
        return records.subList(1, records.size());
    }
}
