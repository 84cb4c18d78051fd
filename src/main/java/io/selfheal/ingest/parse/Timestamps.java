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
    private static final int MIN_EPOCH_DIGITS = 10;
    private static final int MAX_EPOCH_INTEGER_DIGITS = 30;
    private static final int MAX_EPOCH_CHARS = 64;
    private static final BigInteger MIN_SECONDS = BigInteger.valueOf(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond());
    private static final BigInteger MAX_SECONDS = BigInteger.valueOf(Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());

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
            Match match = parseNumericDateTime(text, from);
            if (match == null) {
                match = parseCommonLog(text, from);
            }
            return match != null ? match : parseEpochAt(text, from);
        }
        return Character.isLetter(first) ? parseSyslog(text, from, receivedAt) : null;
    }

    /**
     * Interprets an epoch number by its magnitude: seconds (optionally fractional, as zap and GELF write them),
     * milliseconds (pino, bunyan, Java), microseconds or nanoseconds. Null when the result lies outside the years
     * 1 to 9999: such a number is no timestamp (and PostgreSQL could not store it anyway).
     */
    static Instant fromEpoch(BigDecimal value) {
        // More integer digits than any nanosecond count up to year 9999 has: refuse before allocating a huge number.
        if (value.precision() - value.scale() > MAX_EPOCH_INTEGER_DIGITS) {
            return null;
        }
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
        BigInteger seconds = secondsAndNanos[0];
        if (seconds.compareTo(MIN_SECONDS) < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
            return null;
        }
        return Instant.ofEpochSecond(seconds.longValue(), secondsAndNanos[1].longValue());
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

    /**
     * ISO-8601 and its log variants: {@code yyyy-MM-dd[T ]HH:mm:ss[.,fraction][Z|±HH:MM|±HHMM]}, Serilog's
     * {@code " ±HH:MM"} offset after a space, and Go's {@code yyyy/MM/dd HH:mm:ss}. Hand-written because it is tried
     * on every plain-text line and a DateTimeFormatter costs microseconds per attempt.
     */
    private static Match parseNumericDateTime(String text, int from) {
        int length = text.length();
        if (from + 19 > length) {
            return null;
        }
        char dateSeparator = text.charAt(from + 4);
        char timeSeparator = text.charAt(from + 10);
        if ((dateSeparator != '-' && dateSeparator != '/') || text.charAt(from + 7) != dateSeparator
                || (timeSeparator != 'T' && timeSeparator != ' ')
                || text.charAt(from + 13) != ':' || text.charAt(from + 16) != ':') {
            return null;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        int hour = digits(text, from + 11, 2);
        int minute = digits(text, from + 14, 2);
        int second = digits(text, from + 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int end = from + 19;
        int nanos = 0;
        if (end + 1 < length && (text.charAt(end) == '.' || text.charAt(end) == ',') && isDigit(text.charAt(end + 1))) {
            int fractionStart = ++end;
            while (end < length && isDigit(text.charAt(end))) {
                if (end - fractionStart < 9) {
                    nanos = nanos * 10 + (text.charAt(end) - '0');
                }
                end++;
            }
            for (int scale = Math.min(end - fractionStart, 9); scale < 9; scale++) {
                nanos *= 10;
            }
        }
        try {
            ZoneOffset offset = ZoneOffset.UTC;
            if (end < length && text.charAt(end) == 'Z') {
                end++;
            } else {
                int offsetStart = end < length && text.charAt(end) == ' ' ? end + 1 : end;
                int offsetEnd = offsetEnd(text, offsetStart);
                if (offsetEnd > 0) {
                    int sign = text.charAt(offsetStart) == '-' ? -1 : 1;
                    int offsetMinutes = offsetEnd - offsetStart == 6
                            ? digits(text, offsetStart + 4, 2)
                            : digits(text, offsetStart + 3, 2);
                    offset = ZoneOffset.ofHoursMinutes(sign * digits(text, offsetStart + 1, 2), sign * offsetMinutes);
                    end = offsetEnd;
                }
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return new Match(local.toInstant(offset), end);
        } catch (DateTimeException invalidDate) {
            return null;
        }
    }

    /** End of a {@code ±HH:MM} or {@code ±HHMM} offset starting at {@code from}, or -1 when there is none. */
    private static int offsetEnd(String text, int from) {
        if (from + 5 > text.length() || (text.charAt(from) != '+' && text.charAt(from) != '-')
                || digits(text, from + 1, 2) < 0) {
            return -1;
        }
        if (text.charAt(from + 3) == ':') {
            return from + 6 <= text.length() && digits(text, from + 4, 2) >= 0 ? from + 6 : -1;
        }
        return digits(text, from + 3, 2) >= 0 ? from + 5 : -1;
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 when they are not all digits. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
        // cheap shape check first: most lines starting with a letter are messages, not "Mar 12 14:02:11"
        if (text.length() < from + 14 || text.charAt(from + 3) != ' ' || !Character.isLetter(text.charAt(from + 2))) {
            return null;
        }
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
        // A very long number is no timestamp, and parsing it as a BigDecimal would cost time quadratic in its length.
        if ((end < length && !Character.isWhitespace(text.charAt(end))) || end - from > MAX_EPOCH_CHARS) {
            return null;
        }
        Instant instant = fromEpoch(new BigDecimal(text.substring(from, end)));
        return instant == null ? null : new Match(instant, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
