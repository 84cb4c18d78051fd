package io.selfheal.ingest.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A refused request body as text for its dead letter: text as it is, binary bodies (gzip, snappy protobuf)
 * base64-encoded with a {@code base64:} prefix, since PostgreSQL text cannot hold their NUL bytes.
 */
public final class PayloadText {
    private PayloadText() {
    }

    public static String of(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        return looksLikeText(bytes) ? new String(bytes, StandardCharsets.UTF_8)
                : "base64:" + Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean looksLikeText(byte[] bytes) {
        int sample = Math.min(bytes.length, 512);
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x09 || (b > 0x0d && b < 0x20)) {
                return false;
            }
        }
        return true;
    }
}
