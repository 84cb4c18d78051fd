package io.selfheal.ingest;

import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.TextLimits;

import java.util.function.Supplier;

/**
 * Parses one record so that nothing it throws escapes: a record the parser fails on becomes a dead letter with the
 * reason, and the records around it are read as usual. Without this one unexpected exception (a number too large for
 * a timestamp, say) fails the whole push, which a client then retries forever.
 */
public final class IsolatedParse {
    private IsolatedParse() {
    }

    /**
     * @param source the source name the dead letter is filed under
     * @param raw    the record as received, kept in the dead letter
     */
    public static ParseResult of(String source, String raw, Supplier<ParseResult> parse) {
        try {
            return parse.get();
        } catch (RuntimeException | StackOverflowError e) {
            String text = raw == null ? "" : raw;
            return new ParseResult.Rejected(new DeadLetter(source, DeadLetterKind.PARSER_ERROR, "cannot read the record: " + e,
                    TextLimits.cap(text, TextLimits.MAX_RAW_CHARS), TextLimits.utf8Length(text)));
        }
    }
}
