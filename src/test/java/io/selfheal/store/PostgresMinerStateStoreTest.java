package io.selfheal.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.mining.GroupSnapshot;
import io.selfheal.fingerprint.mining.InMemoryMinerStateStore;
import io.selfheal.fingerprint.mining.MinerConfig;
import io.selfheal.fingerprint.mining.MinerStateStore;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The miner's state in a real PostgreSQL, shared by two miners as two instances would share it. */
class PostgresMinerStateStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Pairs of variants of one event each: the second differs in shape or length from the first. */
    private static final List<List<String>> VARIANTS = List.of(
            List.of("0 bytes sent to 10.0.0.1", "1024 bytes (1.0 KB) sent to 10.0.0.2"),
            List.of("user 42 logged in from 10.0.0.7", "user 43 logged in from db.internal"),
            List.of("Deleting block blk_1 file /data/1", "Deleting block blk_2 file /data/2 /data/3"),
            List.of("Retrying order 1 of customer c-1", "Retrying order 2 of customer c-2 (attempt 3)"));

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.get().reset();
    }

    private static PostgresMinerStateStore newStore() {
        return new PostgresMinerStateStore(TestDatabase.get().dataSource(), JSON);
    }

    private static TemplateMiner miner(MinerStateStore store) {
        return new TemplateMiner(MinerConfig.defaults(), store, CLOCK);
    }

    @Test
    void eachPairIsOneGroupForASingleMiner() {
        TemplateMiner alone = miner(new InMemoryMinerStateStore());
        for (List<String> pair : VARIANTS) {
            assertThat(alone.match("svc", pair.get(1)).id()).isEqualTo(alone.match("svc", pair.get(0)).id());
        }
    }

    @Test
    void twoInstancesFedInOppositeOrdersGiveEveryMessageTheSameId() {
        TemplateMiner a = miner(newStore());
        TemplateMiner b = miner(newStore());
        Map<String, String> idsOfA = new TreeMap<>();
        Map<String, String> idsOfB = new TreeMap<>();
        for (List<String> pair : VARIANTS) {
            // interleaved: each instance sees the variant the other has not seen yet
            idsOfA.put(pair.get(0), a.match("svc", pair.get(0)).id());
            idsOfB.put(pair.get(1), b.match("svc", pair.get(1)).id());
            idsOfA.put(pair.get(1), a.match("svc", pair.get(1)).id());
            idsOfB.put(pair.get(0), b.match("svc", pair.get(0)).id());
        }
        assertThat(idsOfB).isEqualTo(idsOfA);
        assertThat(new HashSet<>(idsOfA.values())).hasSize(VARIANTS.size());
    }

    @Test
    void anInstanceStartedLaterAdoptsTheGroupsOfOneThatSawOtherVariants() throws Exception {
        PostgresMinerStateStore storeOfA = newStore();
        TemplateMiner a = miner(storeOfA);
        List<String> idsOfA = new ArrayList<>();
        for (List<String> pair : VARIANTS) {
            idsOfA.add(a.match("svc", pair.get(0)).id());
            a.match("svc", pair.get(1));
        }
        a.saveChanges();
        assertThat(storeOfA.flush()).isEqualTo(VARIANTS.size());

        TemplateMiner b = miner(newStore());
        for (int i = VARIANTS.size() - 1; i >= 0; i--) {
            assertThat(b.match("svc", VARIANTS.get(i).get(1)).id()).isEqualTo(idsOfA.get(i));
            assertThat(b.match("svc", VARIANTS.get(i).get(0)).id()).isEqualTo(idsOfA.get(i));
        }
    }

    @Test
    void theFirstInstanceToRegisterAShapeWinsAndTheOtherAdoptsItsGroup() throws Exception {
        TemplateMiner a = miner(new InMemoryMinerStateStore());
        TemplateMiner b = miner(new InMemoryMinerStateStore());
        GroupSnapshot bornOnA = bornFrom(a, "user 42 logged in from 10.0.0.7");
        GroupSnapshot bornOnB = bornFrom(b, "user 43 logged in from db.internal");
        assertThat(bornOnB.id()).isNotEqualTo(bornOnA.id());

        assertThat(newStore().register(bornOnA).id()).isEqualTo(bornOnA.id());
        assertThat(newStore().register(bornOnB).id()).isEqualTo(bornOnA.id());
        assertThat(Sql.count("SELECT count(*) FROM miner_groups")).isEqualTo(1);
    }

    @Test
    void changesAreWrittenInOneFlushAndAWarmedMinerResumesWithTheSameIdsAndTemplates() throws Exception {
        PostgresMinerStateStore store = newStore();
        TemplateMiner before = miner(store);
        List<String> ids = new ArrayList<>();
        for (List<String> pair : VARIANTS) {
            ids.add(before.match("svc", pair.get(0)).id());
            before.match("svc", pair.get(1));
        }
        String template = before.group("svc", ids.get(2)).orElseThrow().template();
        assertThat(before.saveChanges()).isEqualTo(VARIANTS.size());
        assertThat(store.pendingGroups()).isEqualTo(VARIANTS.size());
        store.flush();
        assertThat(store.pendingGroups()).isZero();
        assertThat(Sql.count("SELECT sum(match_count) FROM miner_groups")).isEqualTo(VARIANTS.size() * 2L);

        TemplateMiner after = miner(newStore());
        assertThat(after.warm(100)).isEqualTo(VARIANTS.size());
        assertThat(after.group("svc", ids.get(2)).orElseThrow().template()).isEqualTo(template);
        for (int i = 0; i < VARIANTS.size(); i++) {
            assertThat(after.match("svc", VARIANTS.get(i).get(1)).id()).isEqualTo(ids.get(i));
        }
    }

    @Test
    void groupsMergedByGeneralisationPointAtTheSurvivorForEveryInstanceAndForTheirFingerprints() throws Exception {
        PostgresMinerStateStore store = newStore();
        TemplateMiner a = miner(store);
        List<String> users = List.of("root", "news", "cyrus", "guest", "oracle", "admin");
        List<String> ids = new ArrayList<>();
        for (String user : users) {
            ids.add(a.match("svc", "Invalid user " + user + " from 10.0.0.1").id());
        }
        String survivor = ids.get(0);
        for (String id : new HashSet<>(ids)) {
            Sql.execute("INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen)"
                    + " VALUES ('" + id + "', 'svc', 'auth', 't', 'ERROR', now(), now())");
        }
        a.saveChanges();
        store.flush();
        int absorbed = new HashSet<>(ids).size() - 1; // the group of the last user was never born: it joined at once
        assertThat(absorbed).isPositive();
        assertThat(Sql.count("SELECT count(*) FROM miner_groups WHERE merged_into = '" + survivor + "'"))
                .isEqualTo(absorbed);
        assertThat(Sql.count("SELECT count(*) FROM error_fingerprints WHERE merged_into = '" + survivor + "'"))
                .as("history follows the survivor").isEqualTo(absorbed);

        TemplateMiner b = miner(newStore());
        assertThat(b.warm(100)).isEqualTo(1);
        assertThat(b.group("svc", ids.get(3)).orElseThrow().id()).isEqualTo(survivor);
        assertThat(b.match("svc", "Invalid user " + users.get(2) + " from 10.0.0.2").id()).isEqualTo(survivor);
        assertThat(miner(newStore()).match("svc", "Invalid user " + users.get(1) + " from 10.0.0.1").id())
                .as("a cold instance meeting an absorbed group's own text").isEqualTo(survivor);
        assertThat(miner(newStore()).match("svc", "Invalid user mallory from 10.0.0.1").id())
                .as("a cold instance meeting a new value of the learned position").isEqualTo(survivor);
    }

    private static GroupSnapshot bornFrom(TemplateMiner miner, String message) {
        String id = miner.match("svc", message).id();
        return miner.snapshot().groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }
}
