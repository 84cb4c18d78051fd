package io.selfheal.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Group ids derived from content alone (the first 8 bytes of SHA-256, as 16 lowercase hex chars), so every instance
 * and every restart computes the same id for the same group without asking anyone.
 */
public final class StableIds {
    private StableIds() {
    }

    /** The id of {@code key} within {@code service}. */
    public static String of(String service, String key) {
        MessageDigest sha = sha256();
        sha.update(service.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    /** The hash of {@code text} alone. */
    public static String of(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
