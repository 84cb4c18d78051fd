package io.selfheal.fingerprint.rules;

import io.selfheal.fingerprint.ErrorType;
import io.selfheal.fingerprint.stack.StackFrame;
import io.selfheal.ingest.Level;

import java.util.List;

/**
 * What grouping rules look at in one event.
 *
 * @param service       the event's service
 * @param logger        the logger name, or null
 * @param level         the level
 * @param exceptionType the root cause's exception type when a stack trace was parsed, else null
 * @param category      the classifier's error category
 * @param message       the message, without the stack trace
 * @param frames        the frames of every exception of the parsed trace (empty without one)
 */
public record RuleSubject(String service, String logger, Level level, String exceptionType, ErrorType category,
                          String message, List<StackFrame> frames) {

    public RuleSubject {
        frames = List.copyOf(frames);
    }

    /** {@code error.type} in rules: the exception type when there is one, otherwise the category code. */
    public String errorType() {
        return exceptionType != null ? exceptionType : category.code();
    }
}
