package io.selfheal.ingest.kafka;

import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;

import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a batch of Kafka records into one {@link IngestBatch}. Each value is one log record: a JSON object or a
 * text line (a multi-line value is one record, e.g. a message with its stack trace).
 *
 * <p>Service: the configured header when present; otherwise the record's own service field; otherwise the record key
 * (when keys name services); otherwise "unknown". Each event's source reference is its topic/partition/offset, so
 * records redelivered after a crash or a rebalance are skipped by the store.
 */
public final class KafkaRecordDecoder {
    public static final String SOURCE = "kafka";

    private final LogParser parser;
    private final boolean keyIsService;
    private final Clock clock;

    public KafkaRecordDecoder(LogParser parser, boolean keyIsService, Clock clock) {
        this.parser = parser;
        this.keyIsService = keyIsService;
        this.clock = clock;
    }

    public IngestBatch decode(List<KafkaRecord> records) {
        List<LogEvent> events = new ArrayList<>(records.size());
        List<DeadLetter> deadLetters = new ArrayList<>();
        Instant now = clock.instant();
        // One labels map per partition, not per record: a batch holds thousands of records of a few partitions.
        Map<TopicPartition, Map<String, String>> partitionLabels = new HashMap<>();
        for (KafkaRecord record : records) {
            if (record.value() == null || record.value().isBlank()) {
                deadLetters.add(new DeadLetter(SOURCE, DeadLetterKind.UNPARSEABLE, record.reference() + ": empty value", "", 0));
                continue;
            }
            String fallback = keyIsService && record.key() != null && !record.key().isBlank() ? record.key() : "unknown";
            Map<String, String> labels = partitionLabels.computeIfAbsent(
                    new TopicPartition(record.topic(), record.partition()),
                    p -> Map.of("topic", p.topic(), "partition", Integer.toString(p.partition())));
            SourceContext context = new SourceContext(SOURCE, fallback, labels,
                    record.appendedAt() == null ? now : record.appendedAt());
            ParseResult result = parser.parse(record.value(), context);
            if (result instanceof ParseResult.Parsed parsed) {
                LogEvent event = parsed.event();
                String service = record.serviceHeader() == null || record.serviceHeader().isBlank()
                        ? event.service() : record.serviceHeader();
                events.add(new LogEvent(service, event.timestamp(), event.level(), event.logger(), event.message(),
                        event.stackTrace(), event.labels(), event.source(), event.raw(), record.reference()));
            } else if (result instanceof ParseResult.Rejected rejected) {
                DeadLetter d = rejected.deadLetter();
                deadLetters.add(new DeadLetter(d.source(), d.kind(), record.reference() + ": " + d.reason(), d.raw(), d.rawSize()));
            }
        }
        return new IngestBatch(SOURCE, events, deadLetters, null);
    }

    /** {@code topic/partition@offset} of the last record of each partition, for progress reporting. */
    public static String positions(List<KafkaRecord> records) {
        Map<TopicPartition, Long> lastOffsets = new HashMap<>();
        for (KafkaRecord record : records) {
            lastOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
        }
        Map<String, Long> last = new TreeMap<>();
        lastOffsets.forEach((partition, offset) -> last.put(partition.topic() + "/" + partition.partition(), offset));
        StringBuilder text = new StringBuilder();
        last.forEach((partition, offset) -> text.append(text.length() == 0 ? "" : ",").append(partition)
                .append('@').append(offset));
        return text.toString();
    }
}
