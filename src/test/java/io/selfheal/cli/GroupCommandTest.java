package io.selfheal.cli;

import io.selfheal.grouping.Csv;
import io.selfheal.grouping.eval.GroupingScorer;
import io.selfheal.grouping.eval.GroupingScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void helpExitsZeroWithTheOptions() {
        Streams io = new Streams();
        assertThat(GroupCommand.run(new String[]{"--help"}, io.out, io.err, false)).isZero();
        assertThat(io.out()).contains("Usage:", "--log-format", "--input", "--output", "--service", "<Content>");
        assertThat(io.err()).isEmpty();
    }

    @Test
    void namesAnUnknownOptionAndExitsTwo(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.log"), "x\n");
        Streams io = new Streams();
        assertThat(GroupCommand.run(new String[]{"--log-format", "<Content>", "--input", in.toString(),
            "--output", dir.resolve("o.csv").toString(), "--foo", "1"}, io.out, io.err, false)).isEqualTo(2);
        assertThat(io.err()).contains("unknown option --foo").contains("--help");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }

    @Test
    void namesWhatIsMissing() {
        Streams io = new Streams();
        assertThat(GroupCommand.run(new String[]{"--input", "x"}, io.out, io.err, false)).isEqualTo(2);
        assertThat(io.err()).contains("missing --log-format, --output");
        assertThat(GroupCommand.run(new String[]{"--input"}, io.out, io.err, false)).isEqualTo(2);
        assertThat(io.err()).contains("--input needs a value");
        assertThat(GroupCommand.run(new String[]{"--log-format", "<Date> <Level>", "--input", "x", "--output", "y"},
            io.out, io.err, false)).isEqualTo(2);
        assertThat(io.err()).contains("invalid --log-format: format has no field <Content>");
    }

    @Test
    void saysAnInputFileIsMissingWithoutAStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("nope.log");
        Streams io = new Streams();
        assertThat(GroupCommand.run(new String[]{"--log-format", "<Content>", "--input", missing.toString(),
            "--output", dir.resolve("o.csv").toString()}, io.out, io.err, false)).isEqualTo(1);
        assertThat(io.err()).isEqualTo("group: no such file: " + missing + System.lineSeparator());
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }

    @Test
    void summarisesLinesGroupsAndTheLinesTheFormatMissed(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.log"), String.join("\n",
            "2024-01-01 INFO: disk 1 full", "no header 7", "2024-01-01 INFO: disk 2 full",
            "  another stray line  ", "2024-01-02 WARN: fan 3 slow", "third stray") + "\n");
        Path out = dir.resolve("out.csv");
        Streams io = new Streams();
        assertThat(GroupCommand.run(new String[]{"--log-format", "<Date> <Level>: <Content>", "--input",
            in.toString(), "--output", out.toString()}, io.out, io.err, false)).isZero();
        assertThat(io.err())
            .contains("group: 6 lines, 5 groups, in ")
            .contains("wrote " + out)
            .contains("group: 3 of 6 lines did not match --log-format and were grouped as whole lines, e.g.")
            .contains("  line 2: no header 7")
            .contains("  line 4: another stray line")
            .doesNotContain("third stray");
        assertThat(Csv.parse(Files.readString(out))).hasSize(7);
        assertThat(io.out()).isEmpty();
    }

    @Test
    void saysWhenEveryLineMatchedAndQuietSaysNothing(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.log"), "a: b 1\r\na: b 2");
        Streams io = new Streams();
        String[] args = {"--log-format", "<X>: <Content>", "--input", in.toString(),
            "--output", dir.resolve("o.csv").toString()};
        assertThat(GroupCommand.run(args, io.out, io.err, false)).isZero();
        assertThat(io.err()).contains("2 lines, 1 groups").contains("every line matched --log-format");
        Streams quiet = new Streams();
        String[] quietArgs = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
            java.util.stream.Stream.of("--quiet")).toArray(String[]::new);
        assertThat(GroupCommand.run(quietArgs, quiet.out, quiet.err, false)).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(Files.readString(dir.resolve("o.csv")))
            .isEqualTo("LineId,GroupId,Template\r\n1,%1$s,b <int>\r\n2,%1$s,b <int>\r\n".formatted(
                Csv.parse(Files.readString(dir.resolve("o.csv"))).get(1).get(1)));
    }

    @Test
    void groupEvalWithoutDataSaysWhatToPass(@TempDir Path dir) {
        Streams io = new Streams();
        Path nothing = dir.resolve("no-data");
        assertThat(GroupEvalCommand.run(new String[]{"--data", nothing.toString()}, io.out, io.err)).isEqualTo(2);
        assertThat(io.err())
            .contains("group-eval: no evaluation data: " + nothing.resolve("formats.tsv") + " does not exist")
            .contains("Pass --data DIR")
            .doesNotContain("Exception");
        assertThat(GroupEvalCommand.run(new String[]{"--bogus"}, io.out, io.err)).isEqualTo(2);
        assertThat(io.err()).contains("unknown option --bogus");
        assertThat(GroupEvalCommand.run(new String[]{"--shuffles", "0"}, io.out, io.err)).isEqualTo(2);
        assertThat(io.err()).contains("--shuffles needs a number of orders from 1 to 1000");
        assertThat(GroupEvalCommand.run(new String[]{"--help"}, io.out, io.err)).isZero();
        assertThat(io.out()).contains("Usage:", "--data DIR", "--shuffles N");
    }

    /** Captured stdout and stderr of one command. */
    private static final class Streams {
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
