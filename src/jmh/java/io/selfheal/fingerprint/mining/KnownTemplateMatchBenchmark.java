package io.selfheal.fingerprint.mining;

import io.selfheal.grouping.LogFormat;
import io.selfheal.grouping.eval.LoghubDataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Masking plus matching of already-seen templates: every Loghub 2k line (all datasets, 16,000 lines) through a
 * miner that has seen them all once. The score is lines per second on one thread. Three forks, because the JIT and
 * the machine can differ between JVMs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Threads(1)
@Fork(3)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class KnownTemplateMatchBenchmark {
    private static final int LINES = 16_000;

    @Param("src/test/resources/loghub-2k")
    public String data;

    private final List<String> services = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private TemplateMiner miner;

    @Setup
    public void warmMiner() {
        for (LoghubDataset dataset : LoghubDataset.loadAll(Path.of(data))) {
            LogFormat format = LogFormat.parse(dataset.logFormat());
            for (String line : dataset.rawLines()) {
                String content = format.field(line, "Content");
                services.add(dataset.name());
                messages.add(content != null ? content : line.strip());
            }
        }
        if (messages.size() != LINES) {
            throw new IllegalStateException("expected " + LINES + " lines, found " + messages.size());
        }
        miner = new TemplateMiner();
        for (int i = 0; i < LINES; i++) {
            miner.match(services.get(i), messages.get(i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void matchKnownLines(Blackhole blackhole) {
        for (int i = 0; i < LINES; i++) {
            blackhole.consume(miner.match(services.get(i), messages.get(i)));
        }
    }
}
