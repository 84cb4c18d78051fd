package io.selfheal.ingest.loki;

import io.selfheal.fingerprint.StableIds;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.IsolatedParse;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.store.SourceCheckpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Loki entries (pulled or pushed) into events: the line is parsed like any other log line, the stream labels
 * and structured metadata become the event's labels, and the well-known labels name its service and level.
 *
 * <p>Each event's source reference is derived from its stream, timestamp and line — the identity Loki itself uses
 * to drop duplicates — so a shipper's retry or a re-read page is stored once.
 */
final class LokiEntryMapper {
    private final LogParser parser;

    LokiEntryMapper(LogParser parser) {
        this.parser = parser;
    }

    IngestBatch toBatch(String source, List<LokiEntry> entries, SourceCheckpoint checkpoint) {
        List<LogEvent> events = new ArrayList<>(entries.size());
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (LokiEntry entry : entries) {
            ParseResult result = IsolatedParse.of(source, entry.line(), () -> parse(source, entry));
            if (result instanceof ParseResult.Parsed parsed) {
                events.add(parsed.event());
            } else if (result instanceof ParseResult.Rejected rejected) {
                deadLetters.add(rejected.deadLetter());
            }
        }
        return new IngestBatch(source, events, deadLetters, checkpoint);
    }

    private ParseResult parse(String source, LokiEntry entry) {
        Map<String, String> labels = new HashMap<>(entry.streamLabels());
        labels.putAll(entry.metadata());
        String service = LokiLabels.service(labels);
        Instant at = toInstant(entry.nanos());
        ParseResult result = parser.parse(entry.line(), new SourceContext(source,
                service == null ? "unknown" : service, labels, at));
        if (!(result instanceof ParseResult.Parsed parsed)) {
            return result;
        }
        LogEvent event = parsed.event();
        Level level = LokiLabels.level(labels);
        return new ParseResult.Parsed(new LogEvent(
                service == null ? event.service() : service,
                event.timestamp(),
                level == null ? event.level() : level,
                event.logger(), event.message(), event.stackTrace(), event.labels(), source, event.raw(),
                reference(entry)));
    }

    /** {@code loki:<hash of stream, timestamp, line>}: the same entry read twice gets the same reference. */
    static String reference(LokiEntry entry) {
        return "loki:" + StableIds.of(new TreeMap<>(entry.streamLabels()) + "\n" + entry.nanos() + "\n" + entry.line());
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
