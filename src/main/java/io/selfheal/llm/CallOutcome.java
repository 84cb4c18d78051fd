package io.selfheal.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/** How one LLM call (or a call Selfheal chose not to make) ended. Stored in {@code llm_calls.outcome}. */
enum CallOutcome {
    /** A valid answer naming an allow-listed strategy (or "none"). */
    ANSWERED,
    /** Not JSON, or JSON not matching the schema. */
    INVALID_ANSWER,
    /** Valid JSON naming a strategy outside the allow-list. */
    UNKNOWN_STRATEGY,
    TIMEOUT,
    /** HTTP 429. */
    RATE_LIMITED,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** Any other HTTP error (401, 404…): retrying will not help. */
    CLIENT_ERROR,
    /** Connection refused, reset, DNS… */
    NETWORK_ERROR,
    /** Not sent: the provider's circuit breaker is open. */
    CIRCUIT_OPEN,
    /** Not sent: the hourly call or token budget is spent. */
    BUDGET_EXHAUSTED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the provider itself failed (counted by its circuit breaker), as opposed to a bad answer. */
    boolean isProviderFailure() {
        return this == TIMEOUT || this == RATE_LIMITED || this == SERVER_ERROR || this == CLIENT_ERROR || this == NETWORK_ERROR;
    }

    /** Classifies a failed call from the exception the LangChain4j client threw. */
    static CallOutcome of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof RateLimitException) {
                return RATE_LIMITED;
            }
            if (t instanceof InternalServerException) {
                return SERVER_ERROR;
            }
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                return status == 429 ? RATE_LIMITED : status >= 500 ? SERVER_ERROR : CLIENT_ERROR;
            }
            if (t instanceof ConnectException) {
                return NETWORK_ERROR;
            }
        }
        return NETWORK_ERROR;
    }
}
