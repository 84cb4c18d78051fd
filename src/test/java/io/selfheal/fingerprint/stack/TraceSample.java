package io.selfheal.fingerprint.stack;

import io.selfheal.fingerprint.ErrorType;

/**
 * A stack trace of the test corpus with what it should produce.
 *
 * @param name          where it comes from (resource file or the Java code that threw it)
 * @param expectedGroup samples with the same label are the same bug and must share one key
 * @param expectedType  the error type the classifier must assign
 * @param message       the log message that came with it, or null
 * @param trace         the assembled multi-line trace
 */
public record TraceSample(String name, String expectedGroup, ErrorType expectedType, String message, String trace) {

    @Override
    public String toString() {
        return name;
    }
}
