package io.selfheal.fingerprint.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The exceptions of a trace printed outermost first, each followed by its cause (Java's {@code Caused by:}, Node's
 * {@code [cause]:}), built while the trace is read line by line.
 */
final class CauseChain {
    private final List<ExceptionInfo> done = new ArrayList<>();
    private ExceptionBuilder current;

    /**
     * A header line. One that names a cause ends the exception being read and starts its cause; any other header
     * starts the first exception, or replaces a header-like line read before any frame (a log message such as
     * {@code com.acme.Job: failed} printed above the real header).
     */
    void header(boolean namesCause, String type, String value) {
        if (namesCause && current != null) {
            done.add(current.build());
            current = new ExceptionBuilder(type, value);
        } else if (current == null || !current.hasFrames()) {
            current = new ExceptionBuilder(type, value);
        }
    }

    void frame(StackFrame frame) {
        if (current != null) {
            current.addFrame(frame);
        }
    }

    /**
     * Java's {@code ... N more}: the last {@code count} frames are those of the enclosing exception, printed above;
     * restored so that a cause's stack reaches down to the application code that led to it.
     */
    void repeatEnclosingFrames(int count) {
        if (current != null && !done.isEmpty()) {
            List<StackFrame> enclosing = done.get(done.size() - 1).frames();
            int repeated = Math.min(enclosing.size(), count);
            enclosing.subList(enclosing.size() - repeated, enclosing.size()).forEach(current::addFrame);
        }
    }

    /** Any other line: before the first frame it continues the message (a multi-line exception message). */
    void otherLine(String line) {
        if (current != null && !current.hasFrames() && !line.isBlank()) {
            current.appendMessageLine(line);
        }
    }

    List<ExceptionInfo> outermostFirst() {
        List<ExceptionInfo> chain = new ArrayList<>(done);
        if (current != null) {
            chain.add(current.build());
        }
        return chain;
    }
}
