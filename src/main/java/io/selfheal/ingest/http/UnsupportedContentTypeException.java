package io.selfheal.ingest.http;

/** A pushed body of a content type {@code POST /api/v1/logs} does not read: 415, with the types it does read. */
public class UnsupportedContentTypeException extends BadPayloadException {
    public UnsupportedContentTypeException(String contentType) {
        super("unsupported Content-Type '" + contentType + "': send application/json (an array or one object), "
                + "application/x-ndjson, or text/plain lines (curl --data-binary @app.log -H 'Content-Type: text/plain')");
    }

    @Override
    public int getStatus() {
        return 415;
    }
}
