package io.selfheal.cli;

import io.selfheal.fingerprint.mining.MinedGroup;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.grouping.Csv;
import io.selfheal.grouping.LogFormat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code group --log-format FORMAT --input FILE --output OUT.csv [--service NAME]}: groups the {@code <Content>} of
 * every line of FILE (whole trimmed lines that do not match the format) with the default template miner and writes
 * {@code LineId,GroupId,Template}, one row per input line.
 *
 * <p>Group ids are fixed when a group is born, so the id a line gets while mining is already final. Templates do
 * generalise while later lines arrive, so the template column is written after the whole file is mined: every line
 * shows the final template of its group.
 */
public final class GroupCommand {
    private static final String USAGE =
            "usage: group --log-format '<Date> <Time> <Level>: <Content>' --input FILE --output OUT.csv [--service NAME]";

    private GroupCommand() {
    }

    public static int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("log-format") || !options.containsKey("input") || !options.containsKey("output")) {
            System.err.println(USAGE);
            return 2;
        }
        try {
            group(LogFormat.parse(options.get("log-format")), Path.of(options.get("input")),
                    Path.of(options.get("output")), options.getOrDefault("service", "default"));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("group: " + e.getMessage());
            return 1;
        }
    }

    private static void group(LogFormat format, Path input, Path output, String service) throws IOException {
        TemplateMiner miner = new TemplateMiner();
        List<String> lineGroups = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String content = format.field(line, "Content");
                lineGroups.add(miner.match(service, content != null ? content : line.strip()).id());
            }
        }
        Map<String, String> templates = new HashMap<>();
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            writer.write("LineId,GroupId,Template\r\n");
            for (int i = 0; i < lineGroups.size(); i++) {
                String id = lineGroups.get(i);
                String template = templates.computeIfAbsent(id,
                        k -> miner.group(service, k).map(MinedGroup::template).orElse(""));
                writer.write((i + 1) + "," + id + "," + Csv.quote(template) + "\r\n");
            }
        }
    }
}
