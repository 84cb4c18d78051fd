package io.selfheal.fingerprint.mining;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently matched masked messages of a service and their groups (least recently used dropped first).
 * A lookup takes the masker's reusable buffer and allocates nothing: most messages are known, and copying each
 * masked text into a String just to hash it once was a tenth of the matching time. Not thread-safe, like its
 * {@link ServiceMiner}.
 */
final class KnownMessages {
    private static final int MAX_RETAINED_CHARS = 64 * 1024;
    /** Keys are Strings; lookups go through {@link #probe}, which {@link Map#get} compares with {@code probe.equals}. */
    private final LinkedHashMap<Object, Group> groups;
    private final Probe probe = new Probe();
    /** The text's characters, copied in bulk: hashing them from an array is several times faster than charAt. */
    private char[] chars = new char[256];

    KnownMessages(int capacity) {
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Group> eldest) {
                return size() > capacity;
            }
        };
    }

    Group get(StringBuilder maskedText) {
        probe.text = maskedText;
        probe.hash = hash(maskedText);
        try {
            return groups.get(probe);
        } finally {
            probe.text = null;
        }
    }

    void put(String maskedText, Group group) {
        groups.put(maskedText, group);
    }

    /** {@link String#hashCode()} of the text, so the probe finds the String keys. */
    private int hash(StringBuilder text) {
        int n = text.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        text.getChars(0, n, chars, 0);
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = 31 * h + chars[i];
        }
        if (chars.length > MAX_RETAINED_CHARS) {
            chars = new char[256];
        }
        return h;
    }

    /** Stands for a String key of equal content during one lookup. */
    private static final class Probe {
        StringBuilder text;
        int hash;

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof String key && key.contentEquals(text);
        }
    }
}
