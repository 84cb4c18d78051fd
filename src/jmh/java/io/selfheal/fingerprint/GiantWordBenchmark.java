package io.selfheal.fingerprint;

import io.selfheal.fingerprint.stack.StackTraceParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cost of classifying and stack-parsing one ERROR line whose message is one giant word (a hex dump), from 100 B to
 * 1 MB: it must stay flat (issue 12: a 16k-character word took ~4 s in {@link ErrorClassifier}). Also an adversarial
 * stack trace: many long lines full of the characters the trace regexes branch on.
 * Run: {@code ./mvnw -Pbench -DskipTests package && java -jar target/benchmarks.jar GiantWordBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class GiantWordBenchmark {
    @Param({"100", "16384", "1048576"})
    public int wordBytes;

    private final ErrorClassifier classifier = new ErrorClassifier();
    private final StackTraceParser parser = new StackTraceParser();
    private String hexWordLine;
    private String wordOfWordChars;
    private String adversarialTrace;

    @Setup
    public void setUp() {
        StringBuilder hex = new StringBuilder(wordBytes);
        for (int i = 0; hex.length() < wordBytes; i++) {
            hex.append(Integer.toHexString(i & 0xff));
        }
        hexWordLine = "payload rejected: " + hex.substring(0, wordBytes);
        wordOfWordChars = "SQL".repeat(wordBytes / 3 + 1).substring(0, wordBytes);
        StringBuilder trace = new StringBuilder("java.lang.IllegalStateException: boom\n");
        String line = "\tat (((( ) in ) in ) in :line 1 " + "( ".repeat(wordBytes / 2 + 1);
        while (trace.length() < wordBytes) {
            trace.append(line, 0, Math.min(line.length(), 4096)).append('\n');
        }
        adversarialTrace = trace.toString();
    }

    @Benchmark
    public ErrorType classifyHexWord() {
        return classifier.classify(hexWordLine, null);
    }

    @Benchmark
    public ErrorType classifyWordOfSqlRepeats() {
        return classifier.classify(wordOfWordChars, null);
    }

    @Benchmark
    public Optional<?> parseAdversarialTrace() {
        return parser.parse(adversarialTrace);
    }
}
