package io.selfheal.grouping.eval;

import io.selfheal.grouping.Csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One Loghub dataset: {@code <Name>/<Name>_2k.log} (raw lines), its corrected ground truth
 * {@code <Name>_2k.log_structured_corrected.csv}, and its header format from {@code formats.tsv} in the parent folder.
 *
 * @param name           dataset name, e.g. {@code HDFS}
 * @param logFormat      LogPAI header format
 * @param rawLines       the raw log lines
 * @param truthEventIds  ground-truth group of each line
 * @param truthTemplates ground-truth template of each line
 */
public record LoghubDataset(String name, String logFormat, List<String> rawLines,
                            List<String> truthEventIds, List<String> truthTemplates) {

    /**
     * This dataset with its lines (and their ground truth) in a random order drawn from {@code seed}: an online miner's
     * groups may depend on which message comes first, and the file order is only one of many.
     */
    public LoghubDataset shuffled(long seed) {
        List<Integer> order = new ArrayList<>(rawLines.size());
        for (int i = 0; i < rawLines.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<String> lines = new ArrayList<>(order.size());
        List<String> ids = new ArrayList<>(order.size());
        List<String> templates = new ArrayList<>(order.size());
        for (int i : order) {
            lines.add(rawLines.get(i));
            ids.add(truthEventIds.get(i));
            templates.add(truthTemplates.get(i));
        }
        return new LoghubDataset(name, logFormat, lines, ids, templates);
    }

    /** Every dataset listed in {@code dataRoot/formats.tsv}, in file order. */
    public static List<LoghubDataset> loadAll(Path dataRoot) {
        List<LoghubDataset> datasets = new ArrayList<>();
        for (Map.Entry<String, String> format : formats(dataRoot).entrySet()) {
            datasets.add(load(dataRoot, format.getKey(), format.getValue()));
        }
        return datasets;
    }

    private static LoghubDataset load(Path dataRoot, String name, String logFormat) {
        Path dir = dataRoot.resolve(name);
        List<String> rawLines = readLines(dir.resolve(name + "_2k.log"));
        List<List<String>> truth = Csv.parse(read(dir.resolve(name + "_2k.log_structured_corrected.csv")));
        List<String> header = truth.get(0);
        int eventId = header.indexOf("EventId");
        int template = header.indexOf("EventTemplate");
        List<String> ids = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (List<String> row : truth.subList(1, truth.size())) {
            ids.add(row.get(eventId));
            templates.add(row.get(template));
        }
        return new LoghubDataset(name, logFormat, rawLines, ids, templates);
    }

    private static Map<String, String> formats(Path dataRoot) {
        Map<String, String> formats = new LinkedHashMap<>();
        List<String> lines = readLines(dataRoot.resolve("formats.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                formats.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return formats;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
