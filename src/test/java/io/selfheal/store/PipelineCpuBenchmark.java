package io.selfheal.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.IngestNormalizer;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.MultilineAssembler;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.testing.MixedLogLines;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteStreamWriter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU per 1,000 lines of each step of the pipeline after the source, on one thread, without the database, Camel or
 * the JIT's warm-up (docs/benchmarks.md): the {@link MixedLogLines} mix assembled and parsed, normalized, fingerprinted
 * at {@code WARN}, counted and written as COPY rows into a sink that only counts bytes. Each round starts a fresh
 * miner; the first rounds include compilation, the last ones show the steady state.
 *
 * <p>Run: {@code java -Xmx512m -cp "$(cat target/cp.txt):target/classes:target/test-classes"
 * io.selfheal.store.PipelineCpuBenchmark [lines, default 300000] [rounds, default 4]}.
 */
public final class PipelineCpuBenchmark {
    private static final int BATCH_LINES = 5_000;

    private PipelineCpuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            lines.addAll(List.of(MixedLogLines.line(i).split("\n")));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LogParser parser = new LogParser();
        for (int round = 0; round < rounds; round++) {
            IngestNormalizer normalizer = new IngestNormalizer(parser, new ObjectMapper(), Clock.systemUTC(), Level.WARN);
            Fingerprinter fingerprinter = Fingerprinter.withDefaults(Level.WARN);
            CopyRows rows = new CopyRows();
            SourceContext context = new SourceContext("file:bench.log", "bench", Map.of(), Instant.now());
            MultilineAssembler assembler = new MultilineAssembler();
            long[] nanos = new long[4];
            long bytes = 0;
            int next = 0;
            while (next < lines.size()) {
                long start = threads.getCurrentThreadCpuTime();
                List<LogEvent> events = new ArrayList<>();
                for (int n = 0; n < BATCH_LINES && next < lines.size(); n++, next++) {
                    for (String record : assembler.offer(lines.get(next))) {
                        if (parser.parse(record, context) instanceof ParseResult.Parsed parsed) {
                            events.add(parsed.event().withSourceRef("file:bench.log:1:" + next));
                        }
                    }
                }
                long parsed = threads.getCurrentThreadCpuTime();
                IngestBatch batch = normalizer.normalize(new IngestBatch("file:bench.log", events, List.of(), null),
                        null, null);
                long normalized = threads.getCurrentThreadCpuTime();
                fingerprinter.fingerprint(batch);
                long fingerprinted = threads.getCurrentThreadCpuTime();
                LineCounts.of(batch.events(), Instant.now());
                rows.to(new CountingCopy());
                for (GroupedEvent grouped : batch.grouped()) {
                    LogEvent e = grouped.event();
                    rows.field(grouped.fingerprint().id()).field(e.service()).field(e.timestamp().toString())
                            .field(e.level().name()).field(e.logger()).field(e.message()).field(e.stackTrace())
                            .field("{}").field(e.source()).field(e.raw()).field(e.sourceRef()).endRow();
                }
                bytes += rows.end();
                long stored = threads.getCurrentThreadCpuTime();
                nanos[0] += parsed - start;
                nanos[1] += normalized - parsed;
                nanos[2] += fingerprinted - normalized;
                nanos[3] += stored - fingerprinted;
            }
            double perThousand = 1e6 * records / 1000.0;
            System.out.printf("round %d, CPU ms per 1,000 lines: parse %.2f, normalize %.2f, fingerprint %.2f, "
                            + "line counts + COPY rows %.2f; total %.2f (%,d COPY bytes)%n", round,
                    nanos[0] / perThousand, nanos[1] / perThousand, nanos[2] / perThousand, nanos[3] / perThousand,
                    (nanos[0] + nanos[1] + nanos[2] + nanos[3]) / perThousand, bytes);
        }
    }

    /** A COPY target that only counts what it is sent. */
    private static final class CountingCopy implements CopyIn {
        private long bytes;

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) {
            bytes += siz;
        }

        @Override
        public void writeToCopy(ByteStreamWriter from) {
            throw new UnsupportedOperationException("CopyRows writes byte arrays");
        }

        @Override
        public void flushCopy() {
        }

        @Override
        public long endCopy() {
            return bytes;
        }

        @Override
        public int getFieldCount() {
            return 11;
        }

        @Override
        public int getFormat() {
            return 0;
        }

        @Override
        public int getFieldFormat(int field) {
            return 0;
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void cancelCopy() {
        }

        @Override
        public long getHandledRowCount() {
            return -1;
        }
    }
}
