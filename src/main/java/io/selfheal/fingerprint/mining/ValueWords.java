package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.MaskedMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain words a service's messages have shown as the value of a key ({@code user=root}): the masker knows those are
 * values by their form, so the same word standing alone elsewhere ({@code Failed password for root}) is a value too.
 * Words that name events ({@code Paused}, {@code Started}) are not written as a key's value. Bounded: the
 * {@link #CAPACITY} most recently seen words. Not thread-safe, like its {@link ServiceMiner}.
 */
final class ValueWords {
    private static final int CAPACITY = 8192;

    private final Map<String, Boolean> words = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Remembers the plain-word values of the message's {@code key=value} tokens. */
    void saw(MaskedMessage message) {
        String[] original = message.words();
        boolean[] variable = message.variable();
        for (int i = 0; i < original.length; i++) {
            String word = original[i];
            int equals = word.lastIndexOf('=');
            if (variable[i] && equals > 0 && equals < word.length() - 1) {
                String value = WordVariants.core(word.substring(equals + 1));
                if (!value.isEmpty() && WordVariants.isWord(value)) {
                    words.put(value, Boolean.TRUE);
                }
            }
        }
    }

    boolean contains(String word) {
        return words.containsKey(word);
    }
}
