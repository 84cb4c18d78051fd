package io.selfheal.ingest.kafka;

import io.selfheal.ingest.source.SourceStats;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Camel side of the Kafka source: unpacks the batching consumer's list of exchanges into {@link KafkaRecord}s for
 * {@link KafkaRecordDecoder} and reports the partitions' positions once the batch is stored.
 */
public final class KafkaBatchReader {
    static final String POSITIONS = "selfheal.kafka.positions";

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
        if (exchanges != null) {
            for (Object item : exchanges) {
                if (item instanceof Exchange recordExchange) {
                    records.add(record(recordExchange.getMessage()));
                }
            }
        }
        exchange.getMessage().setHeader(POSITIONS, KafkaRecordDecoder.positions(records));
        exchange.getMessage().setBody(decoder.decode(records));
    }

    /** Called after direct:ingest stored the batch. */
    public void stored(Exchange exchange) {
        String positions = exchange.getMessage().getHeader(POSITIONS, String.class);
        if (positions != null && !positions.isEmpty()) {
            stats.position(KafkaRecordDecoder.SOURCE, positions);
        }
    }

    private KafkaRecord record(Message message) {
        Long timestamp = message.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        return new KafkaRecord(
                message.getHeader(KafkaConstants.TOPIC, String.class),
                message.getHeader(KafkaConstants.PARTITION, Integer.class),
                message.getHeader(KafkaConstants.OFFSET, Long.class),
                text(message.getHeader(KafkaConstants.KEY)),
                text(message.getBody()),
                text(message.getHeader(serviceHeader)),
                timestamp == null ? null : Instant.ofEpochMilli(timestamp));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
