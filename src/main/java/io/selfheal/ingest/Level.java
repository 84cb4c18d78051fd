package io.selfheal.ingest;

import java.util.Locale;

/** Normalized severity of a log event, ordered from least to most severe. */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /**
     * Maps the spellings real loggers use (log4j, python, syslog, pino/bunyan numbers, .NET, Go) to a level;
     * returns {@code null} when the text names no level.
     */
    public static Level parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        switch (t) {
            // pino / bunyan numeric levels
            case "10": return TRACE;
            case "20": return DEBUG;
            case "30": return INFO;
            case "40": return WARN;
            case "50": return ERROR;
            case "60": return FATAL;
            default: break;
        }
        switch (t.toUpperCase(Locale.ROOT)) {
            case "TRACE": case "FINEST": case "FINER": case "VERBOSE": case "V":
                return TRACE;
            case "DEBUG": case "FINE": case "DBG": case "D":
                return DEBUG;
            case "INFO": case "INFORMATION": case "INFORMATIONAL": case "NOTICE": case "CONFIG": case "I": case "INF":
                return INFO;
            case "WARN": case "WARNING": case "W": case "WRN":
                return WARN;
            case "ERROR": case "ERR": case "E": case "SEVERE": case "FAIL": case "FAILURE": case "EXCEPTION":
                return ERROR;
            case "FATAL": case "CRITICAL": case "CRIT": case "ALERT": case "EMERG": case "EMERGENCY": case "PANIC": case "F":
            case "DPANIC":
                return FATAL;
            default:
                return null;
        }
    }

    public boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }
}
