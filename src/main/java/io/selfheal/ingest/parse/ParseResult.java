package io.selfheal.ingest.parse;

import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.LogEvent;

/** The outcome of parsing one record: an event, or a dead letter saying why there is none. */
public sealed interface ParseResult {

    record Parsed(LogEvent event) implements ParseResult {
    }

    record Rejected(DeadLetter deadLetter) implements ParseResult {
    }
}
