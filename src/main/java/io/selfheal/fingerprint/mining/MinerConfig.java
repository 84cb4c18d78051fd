package io.selfheal.fingerprint.mining;

/**
 * Settings of a {@link TemplateMiner}; {@link #defaults()} is the one configuration used for every source.
 *
 * @param maxGroupsPerService  live groups kept per service; the least recently seen are evicted to the state store
 * @param maxSamplesPerParameter sample values kept per template parameter
 * @param knownMessageCacheSize masked messages remembered per service for hash-lookup matching
 * @param generalisation when word positions become parameters
 */
public record MinerConfig(int maxGroupsPerService, int maxSamplesPerParameter, int knownMessageCacheSize,
                          Generalisation generalisation) {

    public MinerConfig {
        if (maxGroupsPerService < 1 || maxSamplesPerParameter < 0 || knownMessageCacheSize < 0
                || generalisation == null) {
            throw new IllegalArgumentException("invalid miner config");
        }
    }

    public MinerConfig(int maxGroupsPerService, int maxSamplesPerParameter, int knownMessageCacheSize) {
        this(maxGroupsPerService, maxSamplesPerParameter, knownMessageCacheSize, Generalisation.defaults());
    }

    public static MinerConfig defaults() {
        return new MinerConfig(20_000, 5, 50_000);
    }

    public MinerConfig with(Generalisation other) {
        return new MinerConfig(maxGroupsPerService, maxSamplesPerParameter, knownMessageCacheSize, other);
    }
}
