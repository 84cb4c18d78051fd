package io.selfheal.fingerprint.mining;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Word positions learned from the messages: names merge, few-valued switches do not, empty values are values. */
class WordVariantsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> USERS = List.of("root", "news", "cyrus", "guest", "oracle", "postgres", "admin");

    private static TemplateMiner miner(MinerStateStore store) {
        return new TemplateMiner(MinerConfig.defaults(), store, CLOCK);
    }

    /** Final ids: each line's id, or the group it was merged into later. */
    private static Set<String> finalIds(TemplateMiner miner, List<String> ids) {
        Set<String> survivors = new HashSet<>();
        for (String id : ids) {
            survivors.add(miner.group("svc", id).orElseThrow().id());
        }
        return survivors;
    }

    @Test
    void aPositionHoldingManyNamesBecomesAParameterAndTheOldestIdSurvives() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String user : USERS) {
                ids.add(miner.match("svc", "session opened for user " + user + " by (uid=0)").id());
            }
        }
        assertThat(finalIds(miner, ids)).containsExactly(ids.get(0));
        MinedGroup group = miner.group("svc", ids.get(ids.size() - 1)).orElseThrow();
        assertThat(group.template()).isEqualTo("session opened for user <*> by (uid=<int>)");
        assertThat(group.parameters().get(0)).contains("root", "news");
        assertThat(miner.match("svc", "session opened for user zelda by (uid=0)").id()).isEqualTo(ids.get(0));
    }

    @Test
    void fewValuedSwitchesStayDifferentEventsHoweverOftenTheyRepeat() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> switches = List.of("opened", "closed", "accepted", "rejected");
        Set<String> ids = new HashSet<>();
        for (int round = 0; round < 50; round++) {
            for (String word : switches) {
                ids.add(miner.match("svc", "connection " + round + " " + word + " by peer").id());
            }
            ids.add(miner.match("svc", "interface eth" + round + " up").id());
            ids.add(miner.match("svc", "interface eth" + round + " down").id());
        }
        assertThat(finalIds(miner, new ArrayList<>(ids))).hasSize(6);
    }

    /** A word the log also writes as a key's value ({@code user=root}) is a value: three names are enough. */
    @Test
    void wordsSeenAsValuesOfAKeyNeedFewerValues() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        for (String user : List.of("root", "uucp")) {
            miner.match("svc", "authentication failure; logname= uid=0 rhost=10.0.0.1 user=" + user);
        }
        List<String> ids = new ArrayList<>();
        for (String user : List.of("root", "uucp", "news")) {
            ids.add(miner.match("svc", "Failed password for " + user + " from 10.0.0.1 port 22 ssh2").id());
        }
        assertThat(finalIds(miner, ids)).containsExactly(ids.get(0));
        assertThat(miner.group("svc", ids.get(0)).orElseThrow().template())
                .isEqualTo("Failed password for <*> from <ip> port <int> ssh2");
    }

    /** Counter-case: three words never written as a key's value stay three events, however often they repeat. */
    @Test
    void threeWordsNeverSeenAsValuesStayApart() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        miner.match("svc", "instance state=running host=node1");
        Set<String> ids = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            for (String state : List.of("Started", "Paused", "Resumed")) {
                ids.add(miner.match("svc", "[instance: 6f1c" + round + "] VM " + state + " (Lifecycle Event)").id());
            }
        }
        assertThat(finalIds(miner, new ArrayList<>(ids))).hasSize(3);
    }

    @Test
    void aValueMaskedForItsFormDoesNotTakeWords() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> ids = new ArrayList<>();
        for (String user : USERS) {
            ids.add(miner.match("svc", "chrome.exe open through proxy " + user + " SOCKS-5").id());
        }
        String https = miner.match("svc", "chrome.exe open through proxy root HTTPS").id();
        assertThat(finalIds(miner, ids)).hasSize(1).doesNotContain(https);
    }

    /** A name whose index alone varies ({@code eth0}, {@code eth1}) is a parameter at once, as a number would be. */
    @Test
    void oneNameWithDifferentIndexesIsOneParameter() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> ids = new ArrayList<>();
        for (String link : List.of("eth0", "eth1", "eth3")) {
            ids.add(miner.match("svc", "link " + link + " is up").id());
        }
        assertThat(finalIds(miner, ids)).containsExactly(ids.get(0));
        assertThat(miner.group("svc", ids.get(0)).orElseThrow().template()).isEqualTo("link <*> is up");
    }

    /** Counter-case: names of different stems ({@code en0}, {@code awdl0}) are different names, as words are. */
    @Test
    void indexedNamesOfDifferentStemsStayApart() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        Set<String> ids = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            for (String link : List.of("en0", "awdl0", "utun1")) {
                ids.add(miner.match("svc", "AirPort: Link Up on " + link).id());
            }
        }
        assertThat(finalIds(miner, new ArrayList<>(ids))).hasSize(3);
    }

    /** A size printed in the unit that suits it ({@code 93.0 B}, {@code 5.2 KB}): the unit varies with the number. */
    @Test
    void unitsAfterANumberVaryWithIt() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> ids = new ArrayList<>();
        ids.add(miner.match("svc", "Block b_0 stored (estimated size 93.0 B, free 317.1 KB)").id());
        ids.add(miner.match("svc", "Block b_9 stored (estimated size 5.2 KB, free 5.2 KB)").id());
        ids.add(miner.match("svc", "Block b_4 stored (estimated size 1.1 MB, free 2.0 GB)").id());
        ids.add(miner.match("svc", "read took 0.6 sec. to complete").id());
        ids.add(miner.match("svc", "read took 1.05 secs. to complete").id());
        assertThat(finalIds(miner, ids)).containsExactlyInAnyOrder(ids.get(0), ids.get(3));
    }

    /**
     * Counter-cases: what is counted ({@code bytes}, {@code packets}) names the event, and a unit that comes with
     * another word ({@code disk} in GB, {@code memory} in MB) is two events, not a scaled value.
     */
    @Test
    void countedThingsAndUnitsThatComeWithAnotherWordStayApart() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        String bytes = miner.match("svc", "sent 5 bytes to peer").id();
        assertThat(miner.match("svc", "sent 5 packets to peer").id()).isNotEqualTo(bytes);
        String disk = miner.match("svc", "Total disk: 15 GB, used: 0.00 GB").id();
        String memory = miner.match("svc", "Total memory: 64172 MB, used: 512.00 MB").id();
        assertThat(finalIds(miner, List.of(disk, memory))).hasSize(2);
    }

    @Test
    void emptyAndPresentValuesAreOneGroup() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        String empty = miner.match("svc", "connection from 10.0.0.1 () at Mon").id();
        assertThat(miner.match("svc", "connection from 10.0.0.2 (host.example.org) at Mon").id()).isEqualTo(empty);
        String noValue = miner.match("svc", "request done status= user=alice").id();
        assertThat(miner.match("svc", "request done status=200 user=").id()).isEqualTo(noValue);
        String bracketed = miner.match("svc", "listening on () port 80").id();
        assertThat(miner.match("svc", "listening on (10.0.0.3) port 81").id()).isEqualTo(bracketed);
        assertThat(miner.match("svc", "listening on all port 82").id()).as("a word where only brackets were")
                .isNotEqualTo(bracketed);
    }

    @Test
    void absorbedIdsStayResolvableThroughTheStoreAfterARestart() {
        InMemoryMinerStateStore store = new InMemoryMinerStateStore();
        TemplateMiner before = miner(store);
        List<String> ids = new ArrayList<>();
        for (String user : USERS) {
            ids.add(before.match("svc", "Invalid user " + user + " from 10.0.0.1").id());
        }
        before.saveChanges();
        String survivor = ids.get(0);
        assertThat(store.load(ids.get(1)).orElseThrow().mergedInto()).isEqualTo(survivor);
        assertThat(store.recent(100)).extracting(GroupSnapshot::id).containsExactly(survivor);

        TemplateMiner after = miner(store);
        after.warm(100);
        assertThat(after.group("svc", ids.get(2)).orElseThrow().id()).isEqualTo(survivor);
        assertThat(after.match("svc", "Invalid user " + USERS.get(3) + " from 10.0.0.9").id()).isEqualTo(survivor);
        assertThat(after.match("svc", "Invalid user mallory from 10.0.0.9").id()).isEqualTo(survivor);
    }

    /** Names travel between events: two users seen in both the opened and the closed event are enough. */
    @Test
    void namesSeenVaryingInTwoEventsNeedOnlyTwoValues() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> opened = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        for (String user : List.of("alice", "bob", "carol")) {
            opened.add(miner.match("svc", "session opened for user " + user + " by (uid=0)").id());
            closed.add(miner.match("svc", "session closed for user " + user).id());
        }
        assertThat(finalIds(miner, opened)).containsExactly(opened.get(0));
        assertThat(finalIds(miner, closed)).containsExactly(closed.get(0));
        assertThat(miner.group("svc", closed.get(0)).orElseThrow().template()).isEqualTo("session closed for user <*>");
        assertThat(miner.group("svc", closed.get(0)).orElseThrow().parameters().get(0))
                .contains("alice", "bob", "carol");
    }

    /** Counter-case: a switch word varies within its own event only, so it never travels, however often it repeats. */
    @Test
    void wordsVaryingWithinOneEventOnlyDoNotTravel() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        Set<String> ids = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            for (String state : List.of("Started", "Paused")) {
                ids.add(miner.match("svc", "[instance: 6f1c" + round + "] VM " + state + " (Lifecycle Event)").id());
                ids.add(miner.match("svc", "member " + round + " of ring primary is " + state.toLowerCase()).id());
            }
        }
        assertThat(finalIds(miner, new ArrayList<>(ids))).hasSize(4);
    }

    /** The first word names the event: many of them before the same words are still different events. */
    @Test
    void theFirstWordIsNotLearnedFromItsCountAlone() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        Set<String> ids = new HashSet<>();
        List<String> verbs = List.of("deploy", "rollback", "restart", "scale", "drain", "cordon", "uncordon");
        for (int round = 0; round < 5; round++) {
            for (String verb : verbs) {
                ids.add(miner.match("svc", verb + "  (command " + (1900 + round) + ")").id());
            }
        }
        assertThat(finalIds(miner, new ArrayList<>(ids))).hasSize(verbs.size());
    }

    /**
     * Two names varying together (a consumer and its queue) become parameters together once both travel: the users
     * open and close sessions, the queues fill and drain, each alone beside messages of other events.
     */
    @Test
    void twoNamesVaryingTogetherMergeOnEvidenceAboutBoth() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> queues = List.of("orders", "payments", "invoices", "emails");
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < USERS.size(); i++) {
                String user = USERS.get(i);
                String queue = queues.get((i + round) % queues.size());
                ids.add(miner.match("svc", "consumer " + user + " subscribed to " + queue + " partition=" + i).id());
                miner.match("svc", "session opened for user " + user + " by (uid=" + i + ")");
                miner.match("svc", "session closed for user " + user);
                miner.match("svc", "queue " + queue + " is full, dropping " + i + " messages");
                miner.match("svc", "queue " + queue + " drained in " + i + "ms");
            }
        }
        assertThat(finalIds(miner, ids)).containsExactly(ids.get(0));
        assertThat(miner.group("svc", ids.get(0)).orElseThrow().template())
                .isEqualTo("consumer <*> subscribed to <*> partition=<int>");
        // Groups born before the evidence arrived were swept into the survivor, not left apart for good.
        assertThat(miner.match("svc", "consumer zelda subscribed to refunds partition=1").id()).isEqualTo(ids.get(0));
    }

    /** Counter-case: two event words varying together (states of a transition) are not merged on their count. */
    @Test
    void twoWordsVaryingTogetherWithoutEvidenceStayApart() {
        TemplateMiner miner = miner(new InMemoryMinerStateStore());
        List<String> states = List.of("NEW", "SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED", "KILLED", "UNASSIGNED");
        Set<String> ids = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i + 1 < states.size(); i++) {
                ids.add(miner.match("svc", "attempt_" + round + "_" + i + " TaskAttempt Transitioned from "
                        + states.get(i) + " to " + states.get(i + 1)).id());
            }
        }
        assertThat(finalIds(miner, new ArrayList<>(ids))).hasSize(states.size() - 1);
    }
}
