package io.selfheal.fingerprint.stack;

import java.util.List;

/**
 * A parsed stack trace.
 *
 * @param platform the format it was written in
 * @param chain    the exceptions, outermost (the one caught or logged) first, root cause last; never empty
 */
public record ParsedStack(Platform platform, List<ExceptionInfo> chain) {

    public ParsedStack {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a parsed stack has at least one exception");
        }
        chain = List.copyOf(chain);
    }

    public ExceptionInfo outermost() {
        return chain.get(0);
    }

    public ExceptionInfo rootCause() {
        return chain.get(chain.size() - 1);
    }
}
