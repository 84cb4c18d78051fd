package io.selfheal.fingerprint.mining;

import io.selfheal.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateMinerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static TemplateMiner miner(int maxGroups, MinerStateStore store) {
        return new TemplateMiner(new MinerConfig(maxGroups, 5, 1000), store, CLOCK);
    }

    /**
     * The ASCII-bytes entry point (used by the group command) gives the ids, templates and samples of the String one,
     * through births, shape joins, learned word positions, sample collection and known messages alike.
     */
    @Test
    void asciiBytesAndStringsAreGroupedAlike() {
        TemplateMiner strings = new TemplateMiner();
        TemplateMiner bytes = new TemplateMiner();
        List<String> users = List.of("root", "news", "cyrus", "guest", "oracle", "admin");
        for (int i = 0; i < 400; i++) {
            String message = switch (i % 4) {
                case 0 -> "session opened for user " + users.get(i % users.size()) + " by (uid=" + i % 7 + ")";
                case 1 -> "Received block blk_" + i * 7919L + " of size " + i * 31 + " from /10.0.0." + i % 250;
                case 2 -> "connection from 10.0.0." + i % 9 + " (" + (i % 3 == 0 ? "" : "host" + i % 5 + ".example.org")
                        + ") at Mon";
                default -> "worker " + i + " finished in " + i % 100 + "ms";
            };
            byte[] line = ("[x] " + message + "\n").getBytes(StandardCharsets.US_ASCII);
            MinedGroup fromString = strings.match("svc", message);
            MinedGroup fromBytes = bytes.match("svc", line, 4, line.length - 1);
            assertThat(fromBytes.id()).isEqualTo(fromString.id());
            assertThat(fromBytes.template()).isEqualTo(fromString.template());
            assertThat(fromBytes.parameters()).isEqualTo(fromString.parameters());
        }
        assertThat(bytes.snapshot().groups()).hasSameSizeAs(strings.snapshot().groups());
    }

    @Test
    void idsAreStableAcrossInstancesAndTemplateGeneralisation() {
        TemplateMiner a = new TemplateMiner();
        TemplateMiner b = new TemplateMiner();
        MinedGroup first = a.match("svc", "Deleting block blk_1 file /data/1");
        assertThat(first.id()).matches("[0-9a-f]{16}");
        assertThat(b.match("svc", "Deleting block blk_1 file /data/1").id()).isEqualTo(first.id());
        assertThat(b.match("other", "Deleting block blk_1 file /data/1").id()).isNotEqualTo(first.id());

        MinedGroup later = a.match("svc", "Deleting block blk_2 file /data/2 /data/3");
        assertThat(later.id()).isEqualTo(first.id());
        assertThat(count(a, later.id())).isEqualTo(2);
        assertThat(later.template()).isEqualTo("Deleting block <*> file <*>");
    }

    @Test
    void differentEventsGetDifferentGroups() {
        TemplateMiner miner = new TemplateMiner();
        String paused = miner.match("svc", "[instance: 1] VM Paused (Lifecycle Event)").id();
        String started = miner.match("svc", "[instance: 2] VM Started (Lifecycle Event)").id();
        assertThat(paused).isNotEqualTo(started);
    }

    /**
     * A token holding a value in place of a value of another form is one parameter ({@code LOCAL(0)} where an address
     * was); a plain word there, or a value with another word beside it, is not.
     */
    @Test
    void aValueOfAnotherFormTakesTheParametersPlace() {
        TemplateMiner miner = new TemplateMiner();
        String synced = miner.match("svc", "synchronized to 10.100.20.250, stratum 3").id();
        assertThat(miner.match("svc", "synchronized to LOCAL(0), stratum 10").id()).isEqualTo(synced);
        assertThat(miner.match("svc", "synchronized to nothing, stratum 10").id()).isNotEqualTo(synced);
        assertThat(miner.match("svc", "synchronized to LOCAL(0) clock, stratum 10").id()).isNotEqualTo(synced);
        String proxy = miner.match("svc", "chrome.exe open through proxy 10.0.0.1:5070 SOCKS-5").id();
        assertThat(miner.match("svc", "chrome.exe open through proxy 10.0.0.1:5070 HTTPS").id()).isNotEqualTo(proxy);
    }

    @Test
    void keepsBoundedSamplesPerParameter() {
        TemplateMiner miner = new TemplateMiner();
        MinedGroup group = null;
        for (int i = 0; i < 20; i++) {
            group = miner.match("svc", "user " + i + " logged in from 10.0.0." + i);
        }
        assertThat(group.template()).isEqualTo("user <int> logged in from <ip>");
        assertThat(group.parameters()).hasSize(2);
        assertThat(group.parameters().get(0)).containsExactly("0", "1", "2", "3", "4");
        assertThat(count(miner, group.id())).isEqualTo(20);
    }

    @Test
    void restoredMinerGivesTheSameIds() {
        TemplateMiner original = new TemplateMiner();
        List<String> messages = List.of("open file /a/b", "connection 7 closed after 5ms", "open file /c/d",
                "tx 0xdead committed by alice", "connection 9 closed after 12ms");
        List<String> ids = new ArrayList<>();
        for (String message : messages) {
            ids.add(original.match("svc", message).id());
        }
        TemplateMiner restored = new TemplateMiner();
        restored.restore(original.snapshot());
        for (int i = 0; i < messages.size(); i++) {
            assertThat(restored.match("svc", messages.get(i)).id()).isEqualTo(ids.get(i));
        }
        assertThat(restored.snapshot().groups()).hasSameSizeAs(original.snapshot().groups());
    }

    @Test
    void evictsColdGroupsToTheStoreAndRevivesThemWithTheirIds() {
        InMemoryMinerStateStore store = new InMemoryMinerStateStore();
        TemplateMiner miner = miner(10, store);
        String first = miner.match("svc", "event zero happened 1").id();
        for (int i = 1; i < 50; i++) {
            // two words differ between any two messages: never one template, however many are seen
            miner.match("svc", "event " + word(i) + " happened " + word(i + 1000));
        }
        assertThat(miner.liveGroups("svc")).isEqualTo(10);
        assertThat(store.size()).isGreaterThanOrEqualTo(40);
        assertThat(store.load(first)).isPresent();
        assertThat(miner.match("svc", "event zero happened 2").id()).isEqualTo(first);
        assertThat(count(miner, first)).isEqualTo(2);
    }

    @Test
    void lastMatchTimeIsStampedWhenChangesAreSaved() {
        Instant born = Instant.parse("2025-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(born);
        InMemoryMinerStateStore store = new InMemoryMinerStateStore();
        TemplateMiner miner = new TemplateMiner(new MinerConfig(10, 5, 1000), store, clock);
        String id = miner.match("svc", "disk sda1 full").id();
        miner.saveChanges();
        assertThat(store.load(id).orElseThrow().updatedAt()).isEqualTo(born);

        clock.advance(Duration.ofSeconds(30));
        miner.match("svc", "disk sda1 full");
        clock.advance(Duration.ofSeconds(1));
        miner.saveChanges();
        GroupSnapshot saved = store.load(id).orElseThrow();
        assertThat(saved.createdAt()).isEqualTo(born);
        assertThat(saved.updatedAt()).isEqualTo(born.plusSeconds(31));

        clock.advance(Duration.ofMinutes(1));
        assertThat(miner.saveChanges()).isZero();
        assertThat(miner.snapshot().groups().get(0).updatedAt()).isEqualTo(born.plusSeconds(31));
    }

    /** Messages matched so far by the live group {@code id}. */
    private static long count(TemplateMiner miner, String id) {
        return miner.snapshot().groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow().count();
    }

    /** A distinct digit-free word per number, so every message is a template of its own. */
    private static String word(int n) {
        StringBuilder word = new StringBuilder("w");
        for (int v = n; v > 0; v /= 26) {
            word.append((char) ('a' + v % 26));
        }
        return word.toString();
    }

    @Test
    void matchesConcurrentlyFromSeveralThreads() throws Exception {
        TemplateMiner miner = new TemplateMiner();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    ids.add(miner.match("svc" + (i % 2), "request " + (thread * 10000 + i) + " done in " + i + "ms").id());
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(ids).hasSize(2);
        for (String id : ids) {
            assertThat(count(miner, id)).isEqualTo(4000L);
        }
    }
}
