package io.selfheal.fingerprint.rules;

import io.selfheal.fingerprint.stack.StackFrame;

/**
 * The conditions of a grouping rule; all given conditions must hold, absent ones (null) hold always.
 * {@code error.type} matches the exception type (full or simple name) or the error category;
 * {@code stack.module} and {@code stack.function} must hold together on one in-app frame.
 */
public record RuleMatch(Glob service, Glob logger, Glob level, Glob errorType, MessagePattern message,
                        Glob stackModule, Glob stackFunction) {

    /** Matches every event. */
    public static final RuleMatch ANY = new RuleMatch(null, null, null, null, null, null, null);

    public boolean matches(RuleSubject event) {
        return holds(service, event.service())
                && holds(logger, event.logger())
                && holds(level, event.level().name())
                && (errorType == null || matchesErrorType(event))
                && (message == null || message.matches(event.message()))
                && (stackModule == null && stackFunction == null || matchesInAppFrame(event));
    }

    private static boolean holds(Glob glob, String value) {
        return glob == null || glob.matches(value);
    }

    private boolean matchesErrorType(RuleSubject event) {
        String type = event.exceptionType();
        if (type != null && (errorType.matches(type) || errorType.matches(simpleName(type)))) {
            return true;
        }
        return errorType.matches(event.category().code());
    }

    private boolean matchesInAppFrame(RuleSubject event) {
        for (StackFrame frame : event.frames()) {
            if (frame.inApp() && holds(stackModule, frame.module()) && holds(stackFunction, frame.function())) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
