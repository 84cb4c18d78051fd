package io.selfheal.ingest.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The text of a form-encoded push. {@code curl -d 'ERROR …'} labels plain text as a form, and the HTTP server has
 * already decoded it into fields: one field is the text itself (with {@code name=value} put back together). Several
 * fields ({@code &} in the text) cannot be put back in their order, so they are refused with the way to send them.
 */
public final class FormBody {
    private FormBody() {
    }

    public static byte[] text(Map<?, ?> fields) {
        if (fields.size() != 1) {
            throw new BadPayloadException("a form-encoded body with " + fields.size() + " fields cannot be read back as "
                    + "log lines: send text with --data-binary and -H 'Content-Type: text/plain'");
        }
        Map.Entry<?, ?> field = fields.entrySet().iterator().next();
        String value = field.getValue() == null ? "" : String.valueOf(field.getValue());
        return (field.getKey() + (value.isEmpty() ? "" : "=" + value)).getBytes(StandardCharsets.UTF_8);
    }
}
