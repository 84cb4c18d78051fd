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
}
