package io.selfheal.ingest.http;

/** A pushed payload that cannot be read at all; answered with 400 and the reason. */
public final class BadPayloadException extends RuntimeException {
    public BadPayloadException(String reason) {
        super(reason);
    }
}
