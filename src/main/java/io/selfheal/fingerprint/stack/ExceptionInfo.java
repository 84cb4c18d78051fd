package io.selfheal.fingerprint.stack;

import java.util.List;

/**
 * One exception of a chain.
 *
 * @param type   the exception type as printed (e.g. {@code java.sql.SQLException}, {@code psycopg2.OperationalError})
 * @param value  the message, possibly multi-line, or empty
 * @param frames the frames, innermost (crash site) first on every platform
 */
public record ExceptionInfo(String type, String value, List<StackFrame> frames) {

    public ExceptionInfo {
        value = value == null ? "" : value;
        frames = List.copyOf(frames);
    }

    public boolean hasInAppFrames() {
        return frames.stream().anyMatch(StackFrame::inApp);
    }
}
