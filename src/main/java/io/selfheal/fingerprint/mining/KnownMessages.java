package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.MaskBuffer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently matched masked messages of a service and their groups (least recently used dropped first).
 * A lookup reads the masker's buffer in place and allocates nothing: most messages are known, and copying each
 * masked text into a String just to hash it once was a tenth of the matching time. Not thread-safe, like its
 * {@link ServiceMiner}.
 */
final class KnownMessages {
    private final LinkedHashMap<TextKey, Group> groups;
    /** The one key used for lookups: it holds the masker's buffer for the length of one {@link #get}. */
    private final TextKey probe = new TextKey(null, null, 0);

    KnownMessages(int capacity) {
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TextKey, Group> eldest) {
                return size() > capacity;
            }
        };
    }

    Group get(MaskBuffer maskedText) {
        probe.buffer = maskedText;
        probe.hash = maskedText.contentHash();
        try {
            return groups.get(probe);
        } finally {
            probe.buffer = null;
        }
    }

    void put(MaskBuffer maskedText, Group group) {
        groups.put(new TextKey(maskedText.toCharArray(), null, maskedText.contentHash()), group);
    }

    /**
     * A map key compared by content: either a stored copy of a masked text or the probe over the masker's buffer,
     * so that a probe and a stored key of the same text are equal whichever side compares.
     */
    private static final class TextKey {
        final char[] text;
        MaskBuffer buffer;
        int hash;

        TextKey(char[] text, MaskBuffer buffer, int hash) {
            this.text = text;
            this.buffer = buffer;
            this.hash = hash;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TextKey key && key.hash == hash && sameText(key);
        }

        private boolean sameText(TextKey key) {
            if (text != null && key.text != null) {
                return Arrays.equals(text, key.text);
            }
            if (text != null) {
                return key.buffer.contentEquals(text, text.length);
            }
            return key.text != null ? buffer.contentEquals(key.text, key.text.length) : buffer == key.buffer;
        }
    }
}
