package io.selfheal.ingest.loki;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a Loki query resumes: the timestamp of the last entry stored and the references of the entries already
 * stored at exactly that nanosecond. Loki's {@code start} is inclusive, so the next query starts at {@code nanos} and
 * skips the entries named in {@code seen}: a page cut in the middle of several entries sharing one nanosecond
 * neither skips nor repeats any of them.
 */
record LokiCursor(long nanos, Set<String> seen) {

    LokiCursor {
        seen = Set.copyOf(seen);
    }

    /** Whether an entry was stored before this cursor. */
    boolean covers(long entryNanos, String reference) {
        return entryNanos < nanos || (entryNanos == nanos && seen.contains(reference));
    }

    /** The cursor after storing {@code entries} (in timestamp order, none covered by this cursor). */
    LokiCursor after(List<LokiEntry> entries) {
        if (entries.isEmpty()) {
            return this;
        }
        long last = entries.get(entries.size() - 1).nanos();
        Set<String> atLast = new LinkedHashSet<>();
        if (last == nanos) {
            atLast.addAll(seen);
        }
        for (LokiEntry entry : entries) {
            if (entry.nanos() == last) {
                atLast.add(LokiEntryMapper.reference(entry));
            }
        }
        return new LokiCursor(last, atLast);
    }

    /** {@code <nanos>} or {@code <nanos>:<ref>,<ref>…} — references are hex, so the format needs no escaping. */
    String encode() {
        return seen.isEmpty() ? Long.toString(nanos) : nanos + ":" + String.join(",", seen);
    }

    static LokiCursor decode(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new LokiCursor(Long.parseLong(text.strip()), Set.of());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String ref : text.substring(colon + 1).split(",")) {
            if (!ref.isBlank()) {
                seen.add(ref.strip());
            }
        }
        return new LokiCursor(Long.parseLong(text.substring(0, colon)), seen);
    }
}
