package io.selfheal.fingerprint.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack corpus produced by real programs (src/test/resources/stack-corpus: generators and their output). Each
 * event starts with {@code ### event <id> bug=<bug> path=<entry point> build=<a|b>}, then {@code message: <logged
 * message>}, then the stack trace exactly as the runtime printed it.
 */
final class GeneratedStackCorpus {

    static final List<String> FILES = List.of(
            "java-a.txt", "java-b.txt", "python-a.txt", "python-b.txt", "node-a.txt", "node-b.txt", "go-a.txt", "go-b.txt");
    private static final Pattern HEADER = Pattern.compile(
            "^### event (?<id>\\S+) bug=(?<bug>\\S+) path=(?<path>\\S+) build=(?<build>\\S+)$");

    /**
     * @param language the generator's language, used as the service name
     */
    record Event(String id, String bug, String path, String build, String language, String message, String trace) {
    }

    private GeneratedStackCorpus() {
    }

    static List<Event> all() {
        List<Event> events = new ArrayList<>();
        for (String file : FILES) {
            events.addAll(read(file));
        }
        return events;
    }

    static List<Event> read(String file) {
        String language = file.substring(0, file.indexOf('-'));
        List<Event> events = new ArrayList<>();
        Matcher header = null;
        String message = null;
        StringBuilder trace = new StringBuilder();
        for (String line : TraceCorpus.readResource("/stack-corpus/data/" + file).split("\n", -1)) {
            Matcher next = HEADER.matcher(line);
            if (next.matches()) {
                if (header != null) {
                    events.add(event(header, language, message, trace));
                }
                header = next;
                message = null;
                trace.setLength(0);
            } else if (header != null && message == null) {
                message = line.substring("message: ".length());
            } else if (header != null) {
                trace.append(line).append('\n');
            }
        }
        if (header != null) {
            events.add(event(header, language, message, trace));
        }
        return events;
    }

    private static Event event(Matcher header, String language, String message, StringBuilder trace) {
        return new Event(header.group("id"), header.group("bug"), header.group("path"), header.group("build"), language,
                message, trace.toString().strip());
    }
}
