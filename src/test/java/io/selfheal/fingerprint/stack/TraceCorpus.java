package io.selfheal.fingerprint.stack;

import io.selfheal.fingerprint.ErrorType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every sample: the real Java traces thrown in this JVM and the hand-written ones listed in {@code corpus.tsv}. */
public final class TraceCorpus {

    private static final String ROOT = "/stacktraces/";

    private TraceCorpus() {
    }

    public static List<TraceSample> all() {
        List<TraceSample> samples = new ArrayList<>(JavaTraceSamples.all());
        samples.addAll(resourceSamples());
        return samples;
    }

    public static List<TraceSample> resourceSamples() {
        List<TraceSample> samples = new ArrayList<>();
        for (String row : read("corpus.tsv").lines().toList()) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] cells = row.split("\t", -1);
            String message = cells.length > 3 && !cells[3].isBlank() ? cells[3] : null;
            samples.add(new TraceSample(cells[0], cells[1], ErrorType.valueOf(cells[2]), message, read(cells[0])));
        }
        return samples;
    }

    public static String read(String path) {
        return readResource(ROOT + path);
    }

    static String readResource(String resource) {
        try (InputStream in = TraceCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
