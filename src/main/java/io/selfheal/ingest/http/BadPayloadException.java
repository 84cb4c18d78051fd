package io.selfheal.ingest.http;

/** A pushed payload that cannot be read at all; answered with {@link #getStatus()} (400) and the reason. */
public class BadPayloadException extends RuntimeException {
    public BadPayloadException(String reason) {
        super(reason);
    }

    /** The HTTP status of the answer: the input will never be accepted as it is, so never a 5xx. */
    public int getStatus() {
        return 400;
    }
}
