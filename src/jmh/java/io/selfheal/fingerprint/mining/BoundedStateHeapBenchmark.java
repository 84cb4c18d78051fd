package io.selfheal.fingerprint.mining;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Ingests 1,000,000 distinct templates into one service of a miner with the default (bounded) configuration and
 * reports the heap in use afterwards, after a full GC, as the {@code heapUsedMiB} counter. Evicted groups go to a
 * store that drops them, standing in for an out-of-process store such as PostgreSQL.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class BoundedStateHeapBenchmark {
    private static final int TEMPLATES = 1_000_000;

    private TemplateMiner miner;

    /** Heap figures of the measured run, reported beside the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        public long heapUsedMiB;
        public long liveGroups;
    }

    @Setup(Level.Iteration)
    public void newMiner() {
        miner = new TemplateMiner(MinerConfig.defaults(), new DroppingStore(), Clock.systemUTC());
    }

    @Benchmark
    public void ingestDistinctTemplates(Heap heap) {
        for (int i = 0; i < TEMPLATES; i++) {
            miner.match("svc", word(i) + " failed for user " + i + " after retry");
        }
        System.gc();
        heap.heapUsedMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        heap.liveGroups = miner.liveGroups("svc");
    }

    /** A distinct digit-free word per number, so each message starts a template of its own. */
    private static String word(int n) {
        StringBuilder word = new StringBuilder("op");
        for (int v = n; v > 0; v /= 26) {
            word.append((char) ('a' + v % 26));
        }
        return word.toString();
    }

    /** Forgets what it is given: the benchmark measures the miner's own heap, not a store's. */
    private static final class DroppingStore implements MinerStateStore {
        @Override
        public void saveAll(Collection<GroupSnapshot> groups) {
        }

        @Override
        public Optional<GroupSnapshot> load(String id) {
            return Optional.empty();
        }

        @Override
        public List<GroupSnapshot> byAnchor(String service, String anchor, int limit) {
            return List.of();
        }

        @Override
        public GroupSnapshot register(GroupSnapshot born) {
            return born;
        }

        @Override
        public List<GroupSnapshot> recent(int perService) {
            return List.of();
        }
    }
}
