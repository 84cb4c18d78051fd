package io.selfheal.ingest.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.OFFSET_SECONDS;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

/**
 * Reads the timestamp spellings found in logs. Timestamps without zone or offset are taken as UTC: the writer's zone
 * is unknown and UTC is what servers and containers run in by default.
 */
final class Timestamps {

    /** A timestamp found at the start of a text and the index just after it. */
    record Match(Instant instant, int end) {
    }

    /** ISO-8601 and "yyyy-MM-dd HH:mm:ss,SSS" (log4j, logback, python), with optional fraction and offset. */
    private static final DateTimeFormatter DASHED_DATE_TIME = dateTime('-');
    /** Go's standard logger: "yyyy/MM/dd HH:mm:ss". */
    private static final DateTimeFormatter SLASHED_DATE_TIME = dateTime('/');
    /** BSD syslog: "MMM dd HH:mm:ss" with a space-padded day and no year. */
    private static final DateTimeFormatter SYSLOG = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendText(MONTH_OF_YEAR, TextStyle.SHORT)
            .appendLiteral(' ')
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
            .appendLiteral(' ')
            .append(time())
            .toFormatter(Locale.ENGLISH);
    /** Common Log Format (Apache, nginx): "dd/MMM/yyyy:HH:mm:ss Z". */
    private static final DateTimeFormatter COMMON_LOG = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(DAY_OF_MONTH, 2)
            .appendLiteral('/')
            .appendText(MONTH_OF_YEAR, TextStyle.SHORT)
            .appendLiteral('/')
            .appendValue(YEAR, 4)
            .appendLiteral(':')
            .append(time())
            .appendLiteral(' ')
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ENGLISH);

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final int MIN_EPOCH_DIGITS = 9;

    private Timestamps() {
    }

    /** Parses a complete timestamp value (a JSON or logfmt field); null when it is none of the known forms. */
    static Instant parse(String text, Instant receivedAt) {
        String value = text.strip();
        Match match = parseAt(value, 0, receivedAt);
        return match != null && match.end() == value.length() ? match.instant() : null;
    }

    /** Parses a timestamp that starts at {@code from}; null when there is none there. */
    static Match parseAt(String text, int from, Instant receivedAt) {
        if (from >= text.length()) {
            return null;
        }
        char first = text.charAt(from);
        if (isDigit(first)) {
            Match match = parseDateTime(DASHED_DATE_TIME, text, from);
            if (match == null) {
                match = parseDateTime(SLASHED_DATE_TIME, text, from);
            }
            if (match == null) {
                match = parseCommonLog(text, from);
            }
            return match != null ? match : parseEpochAt(text, from);
        }
        return Character.isLetter(first) ? parseSyslog(text, from, receivedAt) : null;
    }

    /**
     * Interprets an epoch number by its magnitude: seconds (optionally fractional, as zap and GELF write them),
     * milliseconds (pino, bunyan, Java), microseconds or nanoseconds.
     */
    static Instant fromEpoch(BigDecimal value) {
        BigDecimal magnitude = value.abs();
        int shiftToNanos;
        if (magnitude.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
            shiftToNanos = 9;
        } else if (magnitude.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
            shiftToNanos = 6;
        } else if (magnitude.compareTo(BigDecimal.valueOf(100_000_000_000_000_000L)) < 0) {
            shiftToNanos = 3;
        } else {
            shiftToNanos = 0;
        }
        BigInteger[] secondsAndNanos = value.movePointRight(shiftToNanos).toBigInteger()
                .divideAndRemainder(NANOS_PER_SECOND);
        return Instant.ofEpochSecond(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
    }

    private static DateTimeFormatter dateTime(char dateSeparator) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendValue(YEAR, 4)
                .appendLiteral(dateSeparator)
                .appendValue(MONTH_OF_YEAR, 2)
                .appendLiteral(dateSeparator)
                .appendValue(DAY_OF_MONTH, 2)
                .optionalStart().appendLiteral('T').optionalEnd()
                .optionalStart().appendLiteral(' ').optionalEnd()
                .append(time())
                .optionalStart().appendLiteral('.').appendFraction(NANO_OF_SECOND, 1, 9, false).optionalEnd()
                .optionalStart().appendLiteral(',').appendFraction(NANO_OF_SECOND, 1, 9, false).optionalEnd()
                .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
                .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
                // Serilog writes "yyyy-MM-dd HH:mm:ss.fff zzz"; "Z" is not accepted here so " Zookeeper…" stays text
                .optionalStart().appendLiteral(' ').appendOffset("+HH:MM", "+00:00").optionalEnd()
                .toFormatter(Locale.ROOT);
    }

    private static DateTimeFormatter time() {
        return new DateTimeFormatterBuilder()
                .appendValue(HOUR_OF_DAY, 2)
                .appendLiteral(':')
                .appendValue(MINUTE_OF_HOUR, 2)
                .appendLiteral(':')
                .appendValue(SECOND_OF_MINUTE, 2)
                .toFormatter(Locale.ROOT);
    }

    private static Match parseDateTime(DateTimeFormatter format, String text, int from) {
        ParsePosition position = new ParsePosition(from);
        // parseUnresolved reports failure by returning null; parse() would throw, which is costly on every plain line
        TemporalAccessor fields = format.parseUnresolved(text, position);
        if (fields == null || position.getErrorIndex() >= 0) {
            return null;
        }
        return toMatch(fields, (int) fields.getLong(YEAR), position.getIndex());
    }

    private static Match parseCommonLog(String text, int from) {
        if (text.length() < from + 3 || text.charAt(from + 2) != '/') {
            return null;
        }
        ParsePosition position = new ParsePosition(from);
        TemporalAccessor fields = COMMON_LOG.parseUnresolved(text, position);
        if (fields == null || position.getErrorIndex() >= 0) {
            return null;
        }
        return toMatch(fields, (int) fields.getLong(YEAR), position.getIndex());
    }

    private static Match parseSyslog(String text, int from, Instant receivedAt) {
        ParsePosition position = new ParsePosition(from);
        TemporalAccessor fields = SYSLOG.parseUnresolved(text, position);
        if (fields == null || position.getErrorIndex() >= 0) {
            return null;
        }
        int year = receivedAt.atOffset(ZoneOffset.UTC).getYear();
        Match match = toMatch(fields, year, position.getIndex());
        // a December line read in early January belongs to the previous year
        if (match != null && match.instant().isAfter(receivedAt.plus(1, ChronoUnit.DAYS))) {
            return toMatch(fields, year - 1, position.getIndex());
        }
        return match;
    }

    private static Match toMatch(TemporalAccessor fields, int year, int end) {
        try {
            LocalDateTime local = LocalDateTime.of(year,
                    (int) fields.getLong(MONTH_OF_YEAR),
                    (int) fields.getLong(DAY_OF_MONTH),
                    (int) fields.getLong(HOUR_OF_DAY),
                    (int) fields.getLong(MINUTE_OF_HOUR),
                    (int) fields.getLong(SECOND_OF_MINUTE),
                    fields.isSupported(NANO_OF_SECOND) ? (int) fields.getLong(NANO_OF_SECOND) : 0);
            ZoneOffset offset = fields.isSupported(OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds((int) fields.getLong(OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            return new Match(local.toInstant(offset), end);
        } catch (DateTimeException invalidDate) {
            return null;
        }
    }

    /** A bare epoch number of at least {@value #MIN_EPOCH_DIGITS} digits, so that small numbers are not dates. */
    private static Match parseEpochAt(String text, int from) {
        int end = from;
        int length = text.length();
        while (end < length && isDigit(text.charAt(end))) {
            end++;
        }
        if (end - from < MIN_EPOCH_DIGITS) {
            return null;
        }
        if (end + 1 < length && text.charAt(end) == '.' && isDigit(text.charAt(end + 1))) {
            end++;
            while (end < length && isDigit(text.charAt(end))) {
                end++;
            }
        }
        if (end < length && !Character.isWhitespace(text.charAt(end))) {
            return null;
        }
        return new Match(fromEpoch(new BigDecimal(text.substring(from, end))), end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
