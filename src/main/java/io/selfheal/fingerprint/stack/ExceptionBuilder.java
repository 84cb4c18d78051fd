package io.selfheal.fingerprint.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects an exception's header, message lines and frames while a trace is read line by line. */
final class ExceptionBuilder {

    private final String type;
    private final StringBuilder value;
    private final List<StackFrame> frames = new ArrayList<>();

    ExceptionBuilder(String type, String value) {
        this.type = type;
        this.value = new StringBuilder(value == null ? "" : value.strip());
    }

    void appendMessageLine(String line) {
        if (!value.isEmpty()) {
            value.append('\n');
        }
        value.append(line.strip());
    }

    void addFrame(StackFrame frame) {
        frames.add(frame);
    }

    boolean hasFrames() {
        return !frames.isEmpty();
    }

    ExceptionInfo build() {
        return new ExceptionInfo(type, value.toString(), frames);
    }

    ExceptionInfo buildWithFramesReversed() {
        List<StackFrame> innermostFirst = new ArrayList<>(frames);
        Collections.reverse(innermostFirst);
        return new ExceptionInfo(type, value.toString(), innermostFirst);
    }
}
