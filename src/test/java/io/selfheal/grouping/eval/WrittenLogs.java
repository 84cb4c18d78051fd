package io.selfheal.grouping.eval;

import io.selfheal.fingerprint.mining.MinerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Logs written for a test: events whose messages draw names from skewed pools, mixed at random and then scored. */
final class WrittenLogs {
    private WrittenLogs() {
    }

    /** One event: its ground-truth id and how to write one of its messages. */
    record Event(String id, Function<Random, String> message) {
    }

    /** A value of the pool: a few common values, a long tail of rare ones. */
    static String pick(Random random, String[] values) {
        double u = random.nextDouble();
        return values[(int) (u * u * values.length)];
    }

    static String ip(Random random) {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /** {@code lines} messages of events drawn at random from {@code seed}, grouped by the default miner and scored. */
    static GroupingScores score(List<Event> events, long seed, int lines) {
        Random random = new Random(seed);
        List<String> messages = new ArrayList<>(lines);
        List<String> truth = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            Event event = events.get(random.nextInt(events.size()));
            messages.add(event.message().apply(random));
            truth.add(event.id());
        }
        LoghubDataset written = new LoghubDataset("Written", "<Content>", messages, truth, truth);
        return GroupingScorer.score(truth, QualityBenchmark.group(written, MinerConfig.defaults()));
    }
}
