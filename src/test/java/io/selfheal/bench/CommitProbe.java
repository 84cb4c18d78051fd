package io.selfheal.bench;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.LogEvent;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.Arrays;

/**
 * Watches the Kafka route's batches complete (after the store transaction and the offset commit): counts the records
 * and, for events of the paced topic, whose log timestamp is the moment the benchmark produced them, records the
 * delay from production to commit.
 */
public final class CommitProbe extends EventNotifierSupport {
    private final Object lock = new Object();
    private final String pacedTopic;
    private long records;
    private long firstBatchAt;
    private long lastBatchAt;
    private long firstBatchRecords;
    private long[] errorLatencies = new long[1 << 16];
    private int errorCount;
    private long[] allLatencies = new long[1 << 16];
    private int allCount;

    public CommitProbe(String pacedTopic) {
        this.pacedTopic = pacedTopic;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
        if (!"source-kafka".equals(exchange.getFromRouteId())
                || !(exchange.getMessage().getBody() instanceof IngestBatch batch)) {
            return;
        }
        long now = System.currentTimeMillis();
        long nanos = System.nanoTime();
        synchronized (lock) {
            int size = batch.events().size() + batch.deadLetters().size();
            if (records == 0) {
                firstBatchAt = nanos;
                firstBatchRecords = size;
            }
            records += size;
            lastBatchAt = nanos;
            for (LogEvent e : batch.events()) {
                if (pacedTopic.equals(e.labels().get("topic"))) {
                    allLatencies = add(allLatencies, allCount++, now - e.timestamp().toEpochMilli());
                }
            }
            for (GroupedEvent g : batch.grouped()) {
                if (pacedTopic.equals(g.event().labels().get("topic"))) {
                    errorLatencies = add(errorLatencies, errorCount++, now - g.event().timestamp().toEpochMilli());
                }
            }
        }
    }

    private static long[] add(long[] values, int index, long value) {
        long[] target = index < values.length ? values : Arrays.copyOf(values, values.length * 2);
        target[index] = value;
        return target;
    }

    public long records() {
        synchronized (lock) {
            return records;
        }
    }

    /** Records per second between the end of the first batch and the end of the last one. */
    public double recordsPerSecond() {
        synchronized (lock) {
            double seconds = (lastBatchAt - firstBatchAt) / 1e9;
            return seconds <= 0 ? 0 : (records - firstBatchRecords) / seconds;
        }
    }

    /** Seconds between the end of the first batch and the end of the last one. */
    public double seconds() {
        synchronized (lock) {
            return (lastBatchAt - firstBatchAt) / 1e9;
        }
    }

    /** Starts counting anew (the rate then covers what follows, e.g. a backlog produced after start-up). */
    public void restartCount() {
        synchronized (lock) {
            records = 0;
        }
    }

    /** p50, p95, p99 and max in ms of the paced events' production-to-commit delay; errors only or all lines. */
    public long[] percentiles(boolean errorsOnly) {
        long[] sorted;
        synchronized (lock) {
            sorted = errorsOnly ? Arrays.copyOf(errorLatencies, errorCount) : Arrays.copyOf(allLatencies, allCount);
        }
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new long[]{0, 0, 0, 0, 0};
        }
        return new long[]{sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1]};
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
