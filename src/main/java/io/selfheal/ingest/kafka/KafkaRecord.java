package io.selfheal.ingest.kafka;

import java.time.Instant;

/**
 * One consumed Kafka record, as the decoder needs it.
 *
 * @param topic         the topic
 * @param partition     the partition
 * @param offset        the record's offset in its partition
 * @param key           the record key as text, or null
 * @param value         the record value as text (a JSON object or a plain log line, possibly multi-line), or null
 * @param serviceHeader the value of the configured service header, or null
 * @param appendedAt    the record's timestamp (producer or log-append time), or null
 */
public record KafkaRecord(String topic, int partition, long offset, String key, String value, String serviceHeader,
                          Instant appendedAt) {

    /** {@code kafka:<topic>/<partition>/<offset>}: unique per record, so a redelivered record is stored once. */
    public String reference() {
        return "kafka:" + topic + "/" + partition + "/" + offset;
    }
}
