package io.selfheal.fingerprint;

import io.selfheal.fingerprint.manual.GroupOverrides;
import io.selfheal.fingerprint.mining.MinedGroup;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.fingerprint.rules.GroupingRule;
import io.selfheal.fingerprint.rules.GroupingRules;
import io.selfheal.fingerprint.rules.RuleSubject;
import io.selfheal.fingerprint.stack.ExceptionInfo;
import io.selfheal.fingerprint.stack.ParsedStack;
import io.selfheal.fingerprint.stack.StackFrame;
import io.selfheal.fingerprint.stack.StackGrouper;
import io.selfheal.fingerprint.stack.StackKey;
import io.selfheal.fingerprint.stack.StackKeyCache;
import io.selfheal.fingerprint.stack.StackKeyCache.KeyedStack;
import io.selfheal.fingerprint.stack.StackTraceParser;
import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Assigns each event at or above the configured level to its group, with Sentry's precedence: a user rule's
 * fingerprint first, then a parsable stack trace (the root cause's type and crash site, see {@code StackGrouper};
 * never line numbers, callers, wrappers or messages), then the message's mined template. Manual splits and merges are applied last. Every id is derived from
 * content only, so every instance computes the same id.
 */
public final class Fingerprinter {
    private static final Logger LOG = LoggerFactory.getLogger(Fingerprinter.class);

    /** Recent traces kept parsed: 1,024 texts of up to 16k characters, at most 32 MB (UTF-16) when all are long. */
    private static final int RECENT_TRACES = 1_024;
    private static final int MAX_CACHED_TRACE_CHARS = 16 * 1024;

    private final TemplateMiner miner;
    private final StackKeyCache stacks;
    private final ErrorClassifier classifier;
    private final Supplier<GroupingRules> rules;
    private final Supplier<GroupOverrides> overrides;
    private final Level minLevel;

    public Fingerprinter(TemplateMiner miner, StackTraceParser stackParser, StackGrouper stackGrouper,
                         ErrorClassifier classifier, Supplier<GroupingRules> rules, Supplier<GroupOverrides> overrides,
                         Level minLevel) {
        this.miner = miner;
        this.stacks = new StackKeyCache(stackParser, stackGrouper, RECENT_TRACES, MAX_CACHED_TRACE_CHARS);
        this.classifier = classifier;
        this.rules = rules;
        this.overrides = overrides;
        this.minLevel = minLevel;
    }

    /** The default engine (the one the {@code group} command uses) on {@code miner}, with rules and manual changes. */
    public static Fingerprinter of(TemplateMiner miner, Supplier<GroupingRules> rules,
                                   Supplier<GroupOverrides> overrides, Level minLevel) {
        return new Fingerprinter(miner, new StackTraceParser(), new StackGrouper(), new ErrorClassifier(), rules,
                overrides, minLevel);
    }

    /** The default engine with an in-memory miner, no rules and no manual changes. */
    public static Fingerprinter withDefaults(Level minLevel) {
        return of(new TemplateMiner(), () -> GroupingRules.NONE, () -> GroupOverrides.NONE, minLevel);
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
                failed.add(DeadLetter.of(event, DeadLetterKind.FINGERPRINT_FAILED, "fingerprinting failed: " + e));
            }
        }
        batch.setGrouped(grouped, failed);
    }

    public Fingerprint group(LogEvent event) {
        String service = event.service();
        Optional<KeyedStack> keyed = event.hasStackTrace() ? stacks.parse(event.stackTrace()) : Optional.empty();
        Optional<ParsedStack> stack = keyed.map(KeyedStack::stack);
        ErrorType type = stack.isPresent() ? classifier.classifyParsed(event.message(), stack.get())
                : classifier.classify(event.message(), event.stackTrace());
        StackKey key = keyed.map(KeyedStack::key).orElse(null);
        String exceptionType = key != null ? key.rootExceptionType() : null;
        String signature = key != null ? key.signature() : null;

        GroupingRules userRules = rules.get();
        GroupingRule rule = null;
        if (!userRules.rules().isEmpty()) {
            RuleSubject subject = new RuleSubject(service, event.logger(), event.level(), exceptionType, type,
                    event.message(), stack.map(Fingerprinter::frames).orElse(List.of()));
            rule = userRules.firstMatch(subject).orElse(null);
        }
        MinedGroup mined = miner.match(service, userRules.isEmpty() ? event.message()
                : userRules.mask(event.message(), rule));

        Fingerprint fingerprint;
        String defaultId = key != null ? StableIds.of(service, "stack\n" + signature) : mined.id();
        if (rule != null && rule.decidesGroup()) {
            Map<String, String> variables = new HashMap<>();
            variables.put("default", defaultId);
            variables.put("service", service);
            variables.put("error.type", exceptionType != null ? exceptionType : type.code());
            variables.put("level", event.level().name());
            variables.put("logger", event.logger());
            String id = StableIds.of(service, "rule\n" + String.join("\n", rule.resolve(variables)));
            fingerprint = new Fingerprint(id, service, type, rule.title() != null ? rule.title() : mined.template(),
                    exceptionType, signature, null);
        } else if (key != null) {
            fingerprint = new Fingerprint(defaultId, service, type, mined.template(), exceptionType, signature, null);
        } else {
            fingerprint = new Fingerprint(defaultId, service, type, mined.template(), null, null, parameters(mined));
        }
        return overrides.get().apply(fingerprint, event.message());
    }

    private static List<TemplateParameter> parameters(MinedGroup mined) {
        List<TemplateParameter> parameters = new ArrayList<>(mined.placeholders().size());
        for (int i = 0; i < mined.placeholders().size(); i++) {
            parameters.add(new TemplateParameter(mined.placeholders().get(i), mined.parameters().get(i)));
        }
        return parameters;
    }

    private static List<StackFrame> frames(ParsedStack stack) {
        List<StackFrame> frames = new ArrayList<>();
        for (ExceptionInfo exception : stack.chain()) {
            frames.addAll(exception.frames());
        }
        return frames;
    }
}
