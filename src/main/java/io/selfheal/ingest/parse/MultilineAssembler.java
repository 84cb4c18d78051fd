package io.selfheal.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joins the physical lines of one stream into records: a log line plus the stack trace printed under it, or a
 * stand-alone trace (Java, Python, Node.js, Go panic, .NET). One instance per stream; not thread-safe.
 * <p>
 * A record is complete only when a line arrives that does not continue it, or on {@link #flush()}. Blank lines
 * are kept only inside a record (Python exception chains, Go goroutine dumps); elsewhere they carry nothing and
 * would only be rejected by the parser, so they are skipped.
 */
public final class MultilineAssembler {

    private enum TraceStyle { PLAIN, PYTHON, GO }

    private enum PythonPhase { FRAMES, EXCEPTION_LINE, CHAIN_SENTENCE }

    private final List<String> pending = new ArrayList<>();
    private int heldBlankLines;
    private TraceStyle style = TraceStyle.PLAIN;
    private PythonPhase pythonPhase;
    /** Depth of a Node.js {@code { code: 'E…', [cause]: … }} block printed after an error's frames. */
    private int nodeBlockDepth;

    /** Takes one physical line (without terminator) and returns the records it completed, oldest first. */
    public List<String> offer(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.isBlank()) {
            if (!pending.isEmpty()) {
                heldBlankLines++;
            }
            return List.of();
        }
        if (!pending.isEmpty() && continuesPending(text)) {
            for (; heldBlankLines > 0; heldBlankLines--) {
                pending.add("");
            }
            append(text);
            return List.of();
        }
        List<String> completed = new ArrayList<>(2);
        flush().ifPresent(completed::add);
        if (StackTraceLines.isJsonObject(text)) {
            completed.add(text);
        } else {
            startRecord(text);
        }
        return completed;
    }

    /** Returns and clears the pending record; call on idle timeout and at end of input. */
    public Optional<String> flush() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        String record = String.join("\n", pending);
        pending.clear();
        heldBlankLines = 0;
        style = TraceStyle.PLAIN;
        pythonPhase = null;
        nodeBlockDepth = 0;
        return Optional.of(record);
    }

    public int pendingLines() {
        return pending.size();
    }

    private void startRecord(String line) {
        if (line.startsWith(StackTraceLines.PYTHON_TRACEBACK)) {
            style = TraceStyle.PYTHON;
            pythonPhase = PythonPhase.FRAMES;
        } else if (StackTraceLines.isGoPanicStart(line)) {
            style = TraceStyle.GO;
        }
        append(line);
    }

    private void append(String line) {
        pending.add(line);
        if (nodeBlockDepth > 0 || (line.endsWith(" {") && StackTraceLines.isFrameOrChain(line))) {
            trackNodeBlock(line);
        }
    }

    private void trackNodeBlock(String line) {
        if (line.endsWith("{")) {
            nodeBlockDepth++;
        } else if (line.charAt(StackTraceLines.firstNonWhitespace(line)) == '}') {
            nodeBlockDepth--;
        }
    }

    private boolean continuesPending(String line) {
        if (StackTraceLines.isJsonObject(line)) {
            return false;
        }
        if (nodeBlockDepth > 0 || StackTraceLines.isFrameOrChain(line)) {
            return true;
        }
        if (pending.size() == 1 && heldBlankLines == 0 && StackTraceLines.isNestedTraceStart(line)) {
            if (line.startsWith(StackTraceLines.PYTHON_TRACEBACK)) {
                style = TraceStyle.PYTHON;
                pythonPhase = PythonPhase.FRAMES;
            }
            return true;
        }
        return switch (style) {
            case PYTHON -> continuesPythonTraceback(line);
            case GO -> StackTraceLines.isGoDumpLine(line);
            case PLAIN -> false;
        };
    }

    private boolean continuesPythonTraceback(String line) {
        boolean indented = Character.isWhitespace(line.charAt(0));
        return switch (pythonPhase) {
            case FRAMES -> {
                if (indented) {
                    yield heldBlankLines == 0;
                }
                if (StackTraceLines.isPythonExceptionLine(line)) {
                    pythonPhase = PythonPhase.EXCEPTION_LINE;
                    yield true;
                }
                yield false;
            }
            case EXCEPTION_LINE -> {
                if (StackTraceLines.isPythonChainSentence(line)) {
                    pythonPhase = PythonPhase.CHAIN_SENTENCE;
                    yield true;
                }
                yield false;
            }
            case CHAIN_SENTENCE -> {
                if (line.startsWith(StackTraceLines.PYTHON_TRACEBACK)) {
                    pythonPhase = PythonPhase.FRAMES;
                    yield true;
                }
                yield false;
            }
        };
    }
}
