package io.selfheal.fingerprint.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Trace lines no runtime writes, built to make backtracking regexes blow up, parse like any other garbage. */
class HostileTraceLinesTest {
    private final StackTraceParser parser = new StackTraceParser();

    @Test
    void aGiantDottedNameIsNoStackOverflow() {
        // Before lines were bounded, the header regex recursed once per segment: StackOverflowError on one line.
        String trace = "a.".repeat(50_000) + "b: boom\n\tat com.acme.Job.run(Job.java:10)\n";
        assertThatCode(() -> parser.parse(trace)).doesNotThrowAnyException();
        assertThatCode(() -> parser.parse("panic: x" + " ".repeat(20_000) + "y\n" + "a.".repeat(50_000)))
                .doesNotThrowAnyException();
    }

    @Test
    void realFramesAfterHostileLinesAreStillRead() {
        String trace = "java.lang.IllegalStateException: " + "x".repeat(100_000) + "\n"
                + "\tat (((( ) in ) in ) in :line 1 " + "( ".repeat(20_000) + "\n"
                + "\tat com.acme.Job.run(Job.java:10)\n";
        ParsedStack stack = parser.parse(trace).orElseThrow();
        assertThat(stack.rootCause().type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(stack.rootCause().frames()).anySatisfy(f -> assertThat(f.toString()).contains("Job"));
    }

    @Test
    void anOmittedFrameCountTooLongForANumberRepeatsTheEnclosingFrames() {
        String trace = "java.lang.IllegalStateException: outer\n"
                + "\tat com.acme.Job.run(Job.java:10)\n"
                + "\tat com.acme.Main.main(Main.java:5)\n"
                + "Caused by: java.io.IOException: inner\n"
                + "\t... 99999999999999999999999999 more\n";
        ParsedStack stack = parser.parse(trace).orElseThrow();
        assertThat(stack.rootCause().type()).isEqualTo("java.io.IOException");
        assertThat(stack.rootCause().frames()).hasSize(2);
    }

    @Test
    void lineNumbersTooLongForANumberLeaveTheFrameWithoutALine() {
        String huge = "9".repeat(30);
        for (TraceSample sample : TraceCorpus.all()) {
            // Every line number of every platform's format: "File.java:12)", ", line 12,", ".go:12", ".js:12:5", ":line 12".
            String hostile = sample.trace().replaceAll("(?<=:|:line |, line )\\d+", huge);
            ParsedStack expected = parser.parse(sample.trace()).orElseThrow();
            ParsedStack parsed = parser.parse(hostile).orElseThrow(() -> new AssertionError(sample + " not parsed"));
            assertThat(parsed.rootCause().type()).as(sample.name()).isEqualTo(expected.rootCause().type());
            assertThat(parsed.rootCause().frames()).as(sample.name()).extracting(StackFrame::function)
                    .isEqualTo(expected.rootCause().frames().stream().map(StackFrame::function).toList());
        }
    }
}
