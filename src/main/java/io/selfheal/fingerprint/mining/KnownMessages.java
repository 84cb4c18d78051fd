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
    private final LinkedHashMap<TextKey, Group> groups;
    /** The one key used for lookups: it holds the masker's buffer for the length of one {@link #get}. */
    private final TextKey probe = new TextKey(null, 0);
    /** The text's characters, copied in bulk: hashing them from an array is several times faster than charAt. */
    private char[] chars = new char[256];

    KnownMessages(int capacity) {
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TextKey, Group> eldest) {
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
        groups.put(new TextKey(maskedText, maskedText.hashCode()), group);
    }

    /** {@link String#hashCode()} of the text: the hash the stored keys were made with. */
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

    /** A map key compared by content, so a key over a String and one over the masker's buffer are equal. */
    private static final class TextKey {
        CharSequence text;
        int hash;

        TextKey(CharSequence text, int hash) {
            this.text = text;
            this.hash = hash;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TextKey key && key.hash == hash && CharSequence.compare(key.text, text) == 0;
        }
    }
}
