package io.selfheal.ingest;

import io.selfheal.fingerprint.GroupedEvent;
import io.selfheal.store.SourceCheckpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * What travels through {@code direct:ingest}: the events one source read in one go, the input it could not parse,
 * and the source position to commit together with them.
 *
 * <p>The fingerprinting step fills {@link #grouped()}; the store writes grouped events, dead letters and the
 * checkpoint in one transaction, so a source position is never committed without its events (and vice versa).
 */
public final class IngestBatch {
    private final String source;
    private final List<LogEvent> events;
    private List<DeadLetter> deadLetters;
    private final SourceCheckpoint checkpoint;
    private List<GroupedEvent> grouped = List.of();
    private int eventsDeadLettered;

    public IngestBatch(String source, List<LogEvent> events, List<DeadLetter> deadLetters, SourceCheckpoint checkpoint) {
        this.source = source;
        this.events = List.copyOf(events);
        this.deadLetters = List.copyOf(deadLetters);
        this.checkpoint = checkpoint;
    }

    public String source() {
        return source;
    }

    /** Every event read, whatever its level. */
    public List<LogEvent> events() {
        return events;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** The source position reached once this batch is stored, or null for sources without positions. */
    public SourceCheckpoint checkpoint() {
        return checkpoint;
    }

    /** The events that were fingerprinted (at or above the configured level), with their groups. */
    public List<GroupedEvent> grouped() {
        return grouped;
    }

    /** Sets the fingerprinted events; events that could not be fingerprinted join the dead letters. */
    public void setGrouped(List<GroupedEvent> grouped, List<DeadLetter> ungroupable) {
        this.grouped = List.copyOf(grouped);
        deadLettered(ungroupable);
    }

    /** Events read but then refused (by fingerprinting or by the database) join the dead letters. */
    public void deadLettered(List<DeadLetter> refusedEvents) {
        if (!refusedEvents.isEmpty()) {
            List<DeadLetter> all = new ArrayList<>(deadLetters);
            all.addAll(refusedEvents);
            this.deadLetters = List.copyOf(all);
            eventsDeadLettered += refusedEvents.size();
        }
    }

    /** Events kept: read and neither refused by fingerprinting nor by the database (the count a client is told). */
    public int acceptedEvents() {
        return events.size() - eventsDeadLettered;
    }

    @Override
    public String toString() {
        return "IngestBatch[source=" + source + ", events=" + events.size() + ", deadLetters=" + deadLetters.size()
                + ", grouped=" + grouped.size() + ", checkpoint=" + checkpoint + "]";
    }
}
