package io.selfheal.ingest.kafka;

import io.selfheal.ingest.source.SourceStats;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Camel side of the Kafka source: unpacks the batching consumer's list of exchanges into {@link KafkaRecord}s for
 * {@link KafkaRecordDecoder} and, once direct:ingest stored the batch, commits the offset of the last record of every
 * partition in it (a batch spans partitions; committing only its last record would leave the others uncommitted).
 */
public final class KafkaBatchReader {
    static final String POSITIONS = "selfheal.kafka.positions";
    static final String COMMITS = "selfheal.kafka.commits";

    private final KafkaRecordDecoder decoder;
    private final SourceStats stats;
    private final String serviceHeader;

    public KafkaBatchReader(KafkaRecordDecoder decoder, SourceStats stats, String serviceHeader) {
        this.decoder = decoder;
        this.stats = stats;
        this.serviceHeader = serviceHeader;
    }

    /** Replaces the list of record exchanges with one IngestBatch. */
    public void read(Exchange exchange) {
        List<?> exchanges = exchange.getMessage().getBody(List.class);
        List<KafkaRecord> records = new ArrayList<>(exchanges == null ? 0 : exchanges.size());
        Map<TopicPartition, KafkaManualCommit> lastOfPartition = new LinkedHashMap<>();
        if (exchanges != null) {
            for (Object item : exchanges) {
                if (item instanceof Exchange recordExchange) {
                    records.add(record(recordExchange.getMessage(), lastOfPartition));
                }
            }
        }
        exchange.setProperty(COMMITS, List.copyOf(lastOfPartition.values()));
        exchange.getMessage().setHeader(POSITIONS, KafkaRecordDecoder.positions(records));
        exchange.getMessage().setBody(decoder.decode(records));
    }

    /**
     * Called after direct:ingest stored the batch: reports its positions as stored, then commits its offsets
     * (synchronously). In this order, whoever sees the offsets committed also sees the positions reported.
     */
    public void commit(Exchange exchange) {
        String positions = exchange.getMessage().getHeader(POSITIONS, String.class);
        if (positions != null && !positions.isEmpty()) {
            stats.position(KafkaRecordDecoder.SOURCE, positions);
        }
        List<?> commits = exchange.getProperty(COMMITS, List.class);
        if (commits != null) {
            for (Object commit : commits) {
                ((KafkaManualCommit) commit).commit();
            }
        }
    }

    /**
     * One pass over the record's headers instead of a look-up per field: Camel's header map is case-insensitive (a
     * tree compared with compareToIgnoreCase), and seven look-ups per record were 6% of the Kafka route's CPU.
     */
    private KafkaRecord record(Message message, Map<TopicPartition, KafkaManualCommit> lastOfPartition) {
        String topic = null;
        Integer partition = null;
        Long offset = null;
        Object key = null;
        Object service = null;
        Long timestamp = null;
        KafkaManualCommit commit = null;
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            Object value = header.getValue();
            switch (header.getKey()) {
                case KafkaConstants.TOPIC -> topic = (String) value;
                case KafkaConstants.PARTITION -> partition = (Integer) value;
                case KafkaConstants.OFFSET -> offset = (Long) value;
                case KafkaConstants.KEY -> key = value;
                case KafkaConstants.TIMESTAMP -> timestamp = (Long) value;
                case KafkaConstants.MANUAL_COMMIT -> commit = (KafkaManualCommit) value;
                default -> {
                    if (service == null && header.getKey().equalsIgnoreCase(serviceHeader)) {
                        service = value;
                    }
                }
            }
        }
        if (commit != null) {
            lastOfPartition.put(new TopicPartition(topic, partition), commit);
        }
        return new KafkaRecord(topic, partition, offset, text(key), text(message.getBody()), text(service),
                timestamp == null ? null : Instant.ofEpochMilli(timestamp));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
