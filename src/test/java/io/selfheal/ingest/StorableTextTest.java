package io.selfheal.ingest;

import io.selfheal.store.SourceCheckpoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void nulAndLoneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(StorableText.of("a\0b")).isEqualTo("a\uFFFDb");
        assertThat(StorableText.of("x\uD800y\uDC00")).isEqualTo("x\uFFFDy\uFFFD");
        assertThat(StorableText.of("end\uD83D")).isEqualTo("end\uFFFD");
        String emoji = "deploy failed \uD83D\uDE80 again";
        assertThat(StorableText.of(emoji)).isSameAs(emoji);
        assertThat(StorableText.of(null)).isNull();
    }

    @Test
    void everyFieldOfABatchIsMadeStorableAndACleanBatchIsLeftAlone() {
        LogEvent dirty = new LogEvent("svc\0", Instant.parse("2026-01-01T00:00:00Z"), Level.ERROR, "log\0ger",
                "msg\0", "trace\uDC00", Map.of("k\0", "v\0"), "http", "raw\0", "ref\0");
        DeadLetter letter = new DeadLetter("http", DeadLetterKind.UNPARSEABLE, "bad\0", "raw\0", 4);
        SourceCheckpoint checkpoint = new SourceCheckpoint("file:a.log", "1|2|3");
        IngestBatch batch = StorableText.batch(new IngestBatch("http", List.of(dirty), List.of(letter), checkpoint),
                RECEIVED, Level.WARN);

        LogEvent event = batch.events().get(0);
        assertThat(List.of(event.service(), event.logger(), event.message(), event.stackTrace(), event.raw(),
                event.sourceRef())).allSatisfy(text -> assertThat(text).doesNotContain("\0").contains("\uFFFD"));
        assertThat(event.labels()).containsEntry("k\uFFFD", "v\uFFFD");
        assertThat(batch.deadLetters().get(0).reason()).isEqualTo("bad\uFFFD");
        assertThat(batch.checkpoint()).isEqualTo(checkpoint);

        IngestBatch clean = new IngestBatch("http", List.of(new LogEvent("svc", RECEIVED, Level.ERROR, null, "m",
                null, Map.of(), "http", "m", null)), List.of(), null);
        assertThat(StorableText.batch(clean, RECEIVED, Level.WARN)).isSameAs(clean);
    }

    @Test
    void ofAnEventBelowTheStoredLevelOnlyWhatIsCountedIsMadeStorable() {
        Instant farFuture = Instant.parse("+300000-01-01T00:00:00Z");
        LogEvent chatter = new LogEvent("svc", RECEIVED, Level.INFO, null, "msg\0", null, Map.of(), "http", "raw\0",
                null);
        LogEvent badService = new LogEvent("s\0vc", RECEIVED, Level.DEBUG, null, "m", null, Map.of(), "http", "m",
                null);
        LogEvent badTime = new LogEvent("svc", farFuture, Level.INFO, null, "m", null, Map.of(), "http", "m", null);
        IngestBatch batch = StorableText.batch(new IngestBatch("http", List.of(chatter, badService, badTime),
                List.of(), null), RECEIVED, Level.WARN);

        // never stored, only counted by service, level and minute: left as read
        assertThat(batch.events().get(0)).isSameAs(chatter);
        assertThat(batch.events().get(1).service()).isEqualTo("s\uFFFDvc");
        assertThat(batch.events().get(2).timestamp()).isEqualTo(RECEIVED);
        assertThat(StorableText.batch(new IngestBatch("http", List.of(chatter), List.of(), null), RECEIVED,
                Level.INFO).events().get(0).message()).isEqualTo("msg\uFFFD");
    }

    @Test
    void aTimestampPostgresqlCannotHoldIsReplacedByTheReceiveTimeAndKept() {
        Instant farFuture = Instant.parse("+300000-01-01T00:00:00Z");
        LogEvent event = StorableText.event(new LogEvent("svc", farFuture, Level.ERROR, null, "m", null, Map.of(),
                "http", "m", null), RECEIVED);
        assertThat(event.timestamp()).isEqualTo(RECEIVED);
        assertThat(event.labels()).containsEntry(StorableText.ORIGINAL_TIMESTAMP_LABEL, farFuture.toString());

        Instant ancient = Instant.parse("-5000-01-01T00:00:00Z");
        assertThat(StorableText.event(new LogEvent("svc", ancient, Level.ERROR, null, "m", null, Map.of(), "http",
                "m", null), RECEIVED).timestamp()).isEqualTo(RECEIVED);
        Instant year9999 = Instant.parse("9999-12-31T23:59:59Z");
        assertThat(StorableText.event(new LogEvent("svc", year9999, Level.ERROR, null, "m", null, Map.of(), "http",
                "m", null), RECEIVED).timestamp()).isEqualTo(year9999);
    }
}
