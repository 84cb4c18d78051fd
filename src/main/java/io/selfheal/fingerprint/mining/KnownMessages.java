package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.MaskBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently matched masked messages of a service and their groups (least recently used dropped first), keyed
 * by the masked text's 64-bit {@link MaskBuffer#fingerprint() fingerprint} instead of the text. Keeping every text
 * made this cache the largest part of the matching working set, and runs whose cache was squeezed out of the CPU
 * caches by other work matched at half speed. Two of a service's texts share a fingerprint with a chance of about
 * one in 2^64 per pair; a collision could only file one message under another message's group, and anyone who can
 * write a log line can already send a message of any template. A lookup allocates nothing. Not thread-safe, like
 * its {@link ServiceMiner}.
 */
final class KnownMessages {
    private final LinkedHashMap<Fingerprint, Group> groups;
    /** The one key used for lookups, so that a lookup does not box its fingerprint. */
    private final Fingerprint probe = new Fingerprint(0);

    KnownMessages(int capacity) {
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Fingerprint, Group> eldest) {
                return size() > capacity;
            }
        };
    }

    Group get(MaskBuffer maskedText) {
        probe.value = maskedText.fingerprint();
        return groups.get(probe);
    }

    void put(MaskBuffer maskedText, Group group) {
        groups.put(new Fingerprint(maskedText.fingerprint()), group);
    }

    private static final class Fingerprint {
        long value;

        Fingerprint(long value) {
            this.value = value;
        }

        @Override
        public int hashCode() {
            return (int) (value ^ (value >>> 32));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Fingerprint fingerprint && fingerprint.value == value;
        }
    }
}
