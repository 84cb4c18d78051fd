package io.selfheal.llm;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Delimits log text in a prompt as untrusted data. The tag carries a random nonce chosen per prompt, so a log line
 * cannot close the fence by guessing it, and any {@code <<<} / {@code >>>} inside the data is broken up as well.
 */
final class UntrustedFence {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String tag;

    private UntrustedFence(String tag) {
        this.tag = tag;
    }

    static UntrustedFence random() {
        byte[] nonce = new byte[4];
        RANDOM.nextBytes(nonce);
        return new UntrustedFence("UNTRUSTED_LOG_DATA_" + HexFormat.of().formatHex(nonce));
    }

    String open() {
        return "<<<" + tag + ">>>";
    }

    String close() {
        return "<<<END_" + tag + ">>>";
    }

    /** Data made unable to look like a fence marker. */
    static String neutralize(String data) {
        return data == null ? "" : data.replace("<<<", "<\u200B<<").replace(">>>", ">>\u200B>");
    }
}
