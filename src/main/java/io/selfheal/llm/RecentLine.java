package io.selfheal.llm;

import java.time.Instant;

/** One stored log line of a fingerprint, as shown to a model. */
record RecentLine(Instant ts, String level, String message) {
}
