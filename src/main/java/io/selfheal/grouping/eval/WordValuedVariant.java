package io.selfheal.grouping.eval;

import io.selfheal.grouping.LogFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A held-out variant of a labelled dataset in which values become plain words, as user, host, queue or file names
 * are in other systems: in every line, the first parameter of its ground-truth template that is a whole token is
 * replaced by a name. The same value always gets the same name, drawn from {@link #NAMES} with a skewed frequency
 * (a few names are common, most are rare). The ground truth is unchanged, so a grouping that treats the names as
 * constants splits the event into one group per name. The names are made up here and belong to no dataset.
 */
final class WordValuedVariant {
    private static final String[] NAMES = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj",
        "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "xavier", "yvonne", "zoe", "anders",
        "birgit", "cosmin", "dagny", "emeka", "farida", "goran", "hana", "ilse", "jonas", "kemal", "linnea",
        "marek", "nadia", "oskar", "pilar", "quentin", "rosa"};
    private static final String PARAMETER = "<*>";

    private WordValuedVariant() {
    }

    static LoghubDataset of(LoghubDataset dataset) {
        LogFormat format = LogFormat.parse(dataset.logFormat());
        List<String> lines = new ArrayList<>(dataset.rawLines().size());
        for (int i = 0; i < dataset.rawLines().size(); i++) {
            String line = dataset.rawLines().get(i);
            String content = format.field(line, "Content");
            String message = content != null ? content : line.strip();
            lines.add(withWordValue(message, dataset.truthTemplates().get(i)));
        }
        return new LoghubDataset(dataset.name() + "~words", "<Content>", lines, dataset.truthEventIds(),
                dataset.truthTemplates());
    }

    /** The message with its template's first whole-token parameter replaced by a name; unchanged if none. */
    static String withWordValue(String message, String template) {
        String[] parts = template.split(Pattern.quote(PARAMETER), -1);
        if (parts.length < 2) {
            return message;
        }
        StringBuilder regex = new StringBuilder("^");
        for (int k = 0; k < parts.length; k++) {
            regex.append(Pattern.quote(parts[k]));
            if (k + 1 < parts.length) {
                regex.append("(.*?)");
            }
        }
        Matcher matcher = Pattern.compile(regex.append('$').toString(), Pattern.DOTALL).matcher(message.strip());
        if (!matcher.matches()) {
            return message;
        }
        for (int k = 1; k < parts.length; k++) {
            String value = matcher.group(k);
            boolean wholeToken = (parts[k - 1].isEmpty() || parts[k - 1].endsWith(" "))
                    && (parts[k].isEmpty() || parts[k].startsWith(" "));
            if (wholeToken && !value.isEmpty() && value.indexOf(' ') < 0) {
                String stripped = message.strip();
                return stripped.substring(0, matcher.start(k)) + name(value) + stripped.substring(matcher.end(k));
            }
        }
        return message;
    }

    /** A name for {@code value}: the same every time; index skewed towards the start of the list (a few common names). */
    private static String name(String value) {
        double uniform = (value.hashCode() & 0x7fffffff) / (double) Integer.MAX_VALUE;
        return NAMES[(int) (uniform * uniform * NAMES.length) % NAMES.length];
    }
}
