package io.selfheal.grouping;

import java.util.List;

/**
 * What {@link LogFileGrouper} did with one input.
 *
 * @param lines             lines read
 * @param groups            distinct groups the lines were given
 * @param unmatchedLines    lines that did not match the log format (grouped whole)
 * @param unmatchedExamples the first few of them
 */
public record GroupingSummary(long lines, int groups, long unmatchedLines, List<UnmatchedLine> unmatchedExamples) {

    /** A line that did not match the log format: its number (from 1) and its trimmed text. */
    public record UnmatchedLine(long lineNumber, String text) {
    }
}
