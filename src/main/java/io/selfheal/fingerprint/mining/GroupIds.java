package io.selfheal.fingerprint.mining;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable group ids: the first 8 bytes of SHA-256 over service and birth template, as 16 lowercase hex chars. Any
 * instance that sees the same first message of a group, and a miner that re-creates a group after evicting it, derives
 * the same id.
 */
final class GroupIds {
    private GroupIds() {
    }

    static String of(String service, String birthTemplate) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(service.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] digest = sha.digest(birthTemplate.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
