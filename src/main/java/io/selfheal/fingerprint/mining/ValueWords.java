package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.MaskedMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain words a service's messages have shown to be values, in one of two ways:
 * <ul>
 *   <li>as the value of a key ({@code user=root}): the masker knows those are values by their form, so the same word
 *       standing alone elsewhere ({@code Failed password for root}) is a value too;</li>
 *   <li>as the differing word of two different message skeletons ({@code session opened for user cyrus by (uid=0)}
 *       and {@code session closed for user cyrus}, each beside the same message of another user): the word travels
 *       between events, as names of things do, while a word naming an event ({@code Paused}, {@code Started}) is the
 *       one that varies within its own event only.</li>
 * </ul>
 * Bounded: the {@link #CAPACITY} most recently seen words of each kind. Not thread-safe, like its {@link ServiceMiner}.
 */
final class ValueWords {
    private static final int CAPACITY = 8192;

    private final Map<String, Boolean> words = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * Per word seen differing under one skeleton only so far, that skeleton's hash: a few bytes per word instead of
     * the skeleton's text; two skeletons of one hash count as one, so a collision can only withhold evidence.
     */
    private final Map<String, Integer> differing = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
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

    /**
     * Notes that {@code word} was the word in which a message of skeleton {@code skeleton} differed from a group of
     * the same skeleton; a word noted under two skeletons becomes a known value.
     */
    void differedAt(String word, String skeleton) {
        if (words.containsKey(word)) {
            return;
        }
        Integer first = differing.get(word);
        if (first == null) {
            differing.put(word, skeleton.hashCode());
        } else if (first != skeleton.hashCode()) {
            differing.remove(word);
            words.put(word, Boolean.TRUE);
        }
    }

    boolean contains(String word) {
        return words.containsKey(word);
    }
}
