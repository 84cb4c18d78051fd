package io.selfheal.ingest.http;

/** A pushed payload over a size or entry limit, found before it was decoded in full; answered with 413. */
public final class PayloadTooLargeException extends BadPayloadException {
    public PayloadTooLargeException(String reason) {
        super(reason);
    }

    @Override
    public int getStatus() {
        return 413;
    }
}
