package io.selfheal.cli;

import io.selfheal.grouping.Csv;
import io.selfheal.grouping.eval.GroupingScorer;
import io.selfheal.grouping.eval.GroupingScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommandTest {
    private static final Path HDFS = Path.of("src/test/resources/loghub-2k/HDFS");

    @Test
    void writesOneRowPerLineWithFinalTemplates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.csv");
        int rc = GroupCommand.run(new String[]{
            "--log-format", "<Date> <Time> <Pid> <Level> <Component>: <Content>",
            "--input", HDFS.resolve("HDFS_2k.log").toString(), "--output", out.toString()});
        assertThat(rc).isZero();
        List<List<String>> rows = Csv.parse(Files.readString(out));
        assertThat(rows.get(0)).containsExactly("LineId", "GroupId", "Template");
        assertThat(rows).hasSize(2001);
        assertThat(rows.get(1).get(0)).isEqualTo("1");
        assertThat(rows.get(1).get(1)).matches("[0-9a-f]{16}");

        List<List<String>> truth = Csv.parse(Files.readString(HDFS.resolve("HDFS_2k.log_structured_corrected.csv")));
        List<String> truthIds = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            truthIds.add(truth.get(i).get(truth.get(0).indexOf("EventId")));
            predicted.add(rows.get(i).get(1));
        }
        GroupingScores scores = GroupingScorer.score(truthIds, predicted);
        assertThat(scores.groupingAccuracy()).isEqualTo(1.0);
    }

    @Test
    void quotesTemplatesAndGroupsUnmatchedLinesWhole(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.log");
        Files.writeString(in, "2024-01-01 INFO: user \"bob\", id 42\nno header here 7\n2024-01-01 INFO: user \"bob\", id 9\n");
        Path out = dir.resolve("out.csv");
        assertThat(GroupCommand.run(new String[]{"--log-format", "<Date> <Level>: <Content>",
            "--input", in.toString(), "--output", out.toString()})).isZero();
        List<List<String>> rows = Csv.parse(Files.readString(out));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).get(1)).isEqualTo(rows.get(3).get(1));
        assertThat(rows.get(1).get(2)).isEqualTo("user \"bob\", id <int>");
        assertThat(rows.get(2).get(2)).isEqualTo("no header here <int>");
    }

    @Test
    void rejectsMissingOptions() {
        assertThat(GroupCommand.run(new String[]{"--input", "x"})).isEqualTo(2);
    }
}
