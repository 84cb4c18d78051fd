package io.selfheal.fingerprint.stack;

/**
 * One frame of a stack trace as the runtime printed it.
 *
 * @param module   the class (Java, .NET), the package path (Go) or the dotted module of a library file (Python);
 *                 null when the trace names none (Node, Python application files)
 * @param function the method or function, or null for anonymous code
 * @param file     the file name or path as printed, or null
 * @param line     the line number, or null
 * @param inApp    whether the frame belongs to the application rather than to the runtime or a library
 */
public record StackFrame(String module, String function, String file, Integer line, boolean inApp) {

    /**
     * A printed line number (ASCII digits, as the formats' patterns match them), or null when there is none or it is
     * longer than nine digits: no runtime prints such a line, and parsing it must not throw on hostile input.
     */
    static Integer lineNumber(String digits) {
        return digits == null || digits.length() > 9 ? null : Integer.valueOf(digits);
    }
}
