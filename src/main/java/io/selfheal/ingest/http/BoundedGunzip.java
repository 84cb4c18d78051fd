package io.selfheal.ingest.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses a gzip request body ({@code Content-Encoding: gzip}) up to a limit. It reads at most one byte past the
 * limit, so a gzip bomb (a few KB that inflate to gigabytes) costs no more memory than the limit and is answered 413.
 */
public final class BoundedGunzip {
    private BoundedGunzip() {
    }

    /** Whether a Content-Encoding header names gzip (case-insensitive; {@code x-gzip} too). */
    public static boolean isGzip(String contentEncoding) {
        return contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /**
     * @throws PayloadTooLargeException when the body inflates to more than {@code maxBytes}
     * @throws BadPayloadException      when the body is not gzip
     */
    public static byte[] gunzip(byte[] body, long maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (out.length > maxBytes) {
                throw new PayloadTooLargeException("request body decompresses to more than " + maxBytes
                        + " bytes; send smaller batches");
            }
            return out;
        } catch (IOException e) {
            throw new BadPayloadException("cannot gunzip the request body: " + e.getMessage());
        }
    }
}
