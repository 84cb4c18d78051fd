package io.selfheal.ingest.kafka;

import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceProgress;
import io.selfheal.ingest.source.SourceStats;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order of a stored batch's bookkeeping: whoever sees its offsets committed sees its positions reported. */
class KafkaBatchReaderTest {

    @Test
    void positionsAreReportedBeforeTheOffsetsAreCommitted() throws Exception {
        SourceStats stats = new SourceStats(Clock.systemUTC(), () -> null);
        KafkaBatchReader reader = new KafkaBatchReader(
                new KafkaRecordDecoder(new LogParser(), true, Clock.systemUTC()), stats, "service");
        List<String> seenAtCommit = new ArrayList<>();
        KafkaManualCommit commit = () -> seenAtCommit.add(stats.snapshot().stream()
                .filter(p -> p.source().equals("kafka")).map(SourceProgress::lastPosition).findFirst().orElse(null));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.setProperty(KafkaBatchReader.COMMITS, List.of(commit));
            exchange.getMessage().setHeader(KafkaBatchReader.POSITIONS, "logs/0@41");

            reader.commit(exchange);
        }
        assertThat(seenAtCommit).containsExactly("logs/0@41");
    }
}
