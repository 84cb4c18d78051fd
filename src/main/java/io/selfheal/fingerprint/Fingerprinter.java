package io.selfheal.fingerprint;

import io.selfheal.fingerprint.mining.MinedGroup;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.fingerprint.stack.ParsedStack;
import io.selfheal.fingerprint.stack.StackGrouper;
import io.selfheal.fingerprint.stack.StackKey;
import io.selfheal.fingerprint.stack.StackTraceParser;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assigns each event at or above the configured level to its group. Following Sentry's precedence, a parsable stack
 * trace decides the group (exception types and normalized frames, never line numbers or messages); otherwise the
 * message's mined template does. Both ids are derived from content only, so every instance computes the same id.
 */
public final class Fingerprinter {
    private static final Logger LOG = LoggerFactory.getLogger(Fingerprinter.class);

    private final TemplateMiner miner;
    private final StackTraceParser stackParser;
    private final StackGrouper stackGrouper;
    private final ErrorClassifier classifier;
    private final Level minLevel;

    public Fingerprinter(TemplateMiner miner, StackTraceParser stackParser, StackGrouper stackGrouper,
                         ErrorClassifier classifier, Level minLevel) {
        this.miner = miner;
        this.stackParser = stackParser;
        this.stackGrouper = stackGrouper;
        this.classifier = classifier;
        this.minLevel = minLevel;
    }

    /** The default engine: the same configuration the {@code group} command uses. */
    public static Fingerprinter withDefaults(Level minLevel) {
        StackTraceParser parser = new StackTraceParser();
        return new Fingerprinter(new TemplateMiner(), parser, new StackGrouper(), new ErrorClassifier(), minLevel);
    }

    /**
     * Fills the batch's grouped events (the body stays the batch, for the next step of the route). An event that
     * cannot be grouped becomes a dead letter instead of failing the whole batch.
     */
    public void fingerprint(IngestBatch batch) {
        List<GroupedEvent> grouped = new ArrayList<>();
        List<DeadLetter> failed = new ArrayList<>();
        for (LogEvent event : batch.events()) {
            if (!event.level().atLeast(minLevel)) {
                continue;
            }
            try {
                grouped.add(new GroupedEvent(event, group(event)));
            } catch (RuntimeException e) {
                LOG.warn("Cannot fingerprint an event from {}: {}", event.source(), e.toString());
                failed.add(DeadLetter.of(event, "fingerprinting failed: " + e));
            }
        }
        batch.setGrouped(grouped, failed);
    }

    public Fingerprint group(LogEvent event) {
        String service = event.service();
        MinedGroup mined = miner.match(service, event.message());
        Optional<ParsedStack> stack = event.hasStackTrace() ? stackParser.parse(event.stackTrace()) : Optional.empty();
        if (stack.isPresent()) {
            ErrorType type = classifier.classifyParsed(event.message(), stack.get());
            StackKey key = stackGrouper.key(stack.get());
            return new Fingerprint(StableIds.of(service, "stack\n" + key.signature()), service, type,
                    mined.template(), key.rootExceptionType(), key.signature());
        }
        ErrorType type = classifier.classify(event.message(), event.stackTrace());
        return new Fingerprint(mined.id(), service, type, mined.template(), null, null);
    }
}
