package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.IndexedName;
import io.selfheal.fingerprint.mask.MaskedMessage;
import io.selfheal.fingerprint.mask.Placeholders;
import io.selfheal.fingerprint.mask.UnitNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learns which word positions of a service's messages are variables. The masker only recognises values by their
 * form, so a user, host, queue or file name that is a plain word stays a constant and each value would get its own
 * group. Live groups are filed by skeleton: the template with every plain word, value and empty value replaced by one
 * mark, so two groups of one skeleton agree everywhere except at such positions. A new message is compared with the
 * groups of its skeleton: it fits a group whose differing positions are all variables there; when it differs from
 * groups at the same word position ({@link #MAX_DIFFERING}), it is a parameter once it has shown
 * {@link Generalisation#minDistinctKnownValues()} distinct values one of which is a known value ({@link ValueWords}:
 * written as a key's value, or travelling between events), or {@link Generalisation#minDistinctWords()} distinct
 * values (not for the first word) among messages agreeing on at least {@link Generalisation#minSharedConstants()}
 * constants elsewhere. Few-valued switches naming different events (opened/closed, start/stop) vary inside their own
 * event only and never reach that count, whatever their words are. Not thread-safe, like its {@link ServiceMiner}.
 */
final class WordVariants {
    /** Groups compared per skeleton, most recently filed first: bounds the work of one birth. */
    private static final int MAX_COMPARED = 256;
    private static final String MARK = "\u0001";
    private static final String EDGES = "()[]{}\"',;:.";
    /**
     * Word positions a message may differ at from the groups it shows them to be parameters of. Two positions become
     * parameters together (a user and a queue: {@code consumer alice subscribed to orders}) only on evidence about the
     * values at both, never on their count: on counts alone Hadoop's state transitions ({@code Transitioned from NEW
     * to UNASSIGNED}, five or more states on each side) merged (GA 0.9935 to 0.9725).
     */
    private static final int MAX_DIFFERING = 2;

    /**
     * Constants a comparison must share for its differing word to count as having varied under a skeleton
     * ({@link ValueWords#differedAt}), whatever the merge setting: with one, a word pair varying in two loosely similar
     * messages ({@code … layout begin} / {@code … layout end}) "travelled" and merged a switch (Android GA 0.968 to
     * 0.962).
     */
    private static final int TRAVEL_CONTEXT = 2;

    private final Generalisation settings;
    private final Map<String, List<Group>> bySkeleton = new HashMap<>();
    private final ValueWords valueWords = new ValueWords();

    WordVariants(Generalisation settings) {
        this.settings = settings;
    }

    /** Files {@code group} under its template's skeleton, moving it when the skeleton changed. */
    void file(Group group) {
        String skeleton = skeleton(group.tokens);
        if (skeleton.equals(group.skeleton)) {
            return;
        }
        remove(group);
        group.skeleton = skeleton;
        bySkeleton.computeIfAbsent(skeleton, k -> new ArrayList<>()).add(group);
    }

    void remove(Group group) {
        if (group.skeleton == null) {
            return;
        }
        List<Group> same = bySkeleton.get(group.skeleton);
        if (same != null && same.remove(group) && same.isEmpty()) {
            bySkeleton.remove(group.skeleton);
        }
        group.skeleton = null;
    }

    /** Learns the words the message shows as values of keys ({@link ValueWords}). */
    void sawValues(MaskedMessage message) {
        valueWords.saw(message);
    }

    /** The group the message fits as it is: it differs only where the group already has a variable. */
    Group fitting(String[] tokens) {
        String skeleton = skeleton(tokens);
        List<Group> same = bySkeleton.get(skeleton);
        if (same == null) {
            return null;
        }
        for (int k = same.size() - 1, compared = 0; k >= 0 && compared < MAX_COMPARED; k--, compared++) {
            Group group = same.get(k);
            List<Integer> differing = differences(group, tokens, 1);
            if (differing != null && differing.isEmpty()) {
                noteWordsTakenByVariables(group, tokens, skeleton);
                return group;
            }
        }
        return null;
    }

    /**
     * A word the group's variable takes varies under this skeleton, as if it had differed from the group: so a
     * position learned early keeps collecting the evidence that its names also travel to other events.
     */
    private void noteWordsTakenByVariables(Group group, String[] tokens, String skeleton) {
        for (int i = 0; i < tokens.length; i++) {
            if (isValue(core(group.tokens[i]))) {
                differedAt(core(tokens[i]), skeleton);
            }
        }
    }

    /**
     * The other live groups of {@code survivor}'s skeleton that fit its template as it is now, each with the positions
     * where it holds a word the survivor's variables take. Once a position is learned, messages of other values go
     * to the survivor; groups born from such values before the evidence arrived would otherwise stay apart for good.
     */
    Map<Group, List<Integer>> fittingGroups(Group survivor) {
        Map<Group, List<Integer>> fitting = new LinkedHashMap<>();
        List<Group> same = bySkeleton.get(survivor.skeleton);
        if (same == null) {
            return fitting;
        }
        for (int k = same.size() - 1, compared = 0; k >= 0 && compared < MAX_COMPARED; k--, compared++) {
            Group group = same.get(k);
            if (group != survivor && group.tokens.length == survivor.tokens.length
                    && List.of().equals(differences(survivor, group.tokens, 1))) {
                List<Integer> taken = new ArrayList<>();
                for (int i = 0; i < group.tokens.length; i++) {
                    if (!group.tokens[i].equals(survivor.tokens[i]) && isValue(core(survivor.tokens[i]))) {
                        taken.add(i);
                    }
                }
                fitting.put(group, taken);
            }
        }
        return fitting;
    }

    /** Whether the message fits {@code group} as it is; for groups not filed here, such as stored ones. */
    static boolean fits(Group group, String[] tokens) {
        return group.tokens.length == tokens.length && skeleton(group.tokens).equals(skeleton(tokens))
                && List.of().equals(differences(group, tokens, 1));
    }

    /**
     * The position the message shows to be a variable, with the groups that differ from it only there; null when no
     * position has shown enough distinct values yet.
     */
    Learned learn(String[] tokens) {
        int fewest = Math.min(settings.minDistinctWords(), settings.minDistinctKnownValues());
        if (fewest == Integer.MAX_VALUE) {
            return null;
        }
        String skeleton = skeleton(tokens);
        List<Group> same = bySkeleton.get(skeleton);
        if (same == null) {
            return null;
        }
        Map<List<Integer>, List<Group>> byPositions = new HashMap<>();
        for (int k = same.size() - 1, compared = 0; k >= 0 && compared < MAX_COMPARED; k--, compared++) {
            Group group = same.get(k);
            List<Integer> positions = differences(group, tokens, settings.minSharedConstants());
            if (positions != null && !positions.isEmpty()) {
                byPositions.computeIfAbsent(positions, p -> new ArrayList<>()).add(group);
            }
            List<Integer> inContext = differences(group, tokens, TRAVEL_CONTEXT);
            // A word travels when it alone told two messages apart: with two differing words either may be the event.
            if (inContext != null && inContext.size() == 1) {
                for (int position : inContext) {
                    differedAt(core(group.tokens[position]), skeleton);
                    differedAt(core(tokens[position]), skeleton);
                }
            }
        }
        if (same.size() + 1 < fewest) {
            return null;
        }
        for (Map.Entry<List<Integer>, List<Group>> entry : byPositions.entrySet()) {
            if (everyPositionVaries(entry.getKey(), entry.getValue(), tokens)) {
                return new Learned(entry.getKey(), entry.getValue());
            }
        }
        return null;
    }

    private void differedAt(String core, String skeleton) {
        if (!core.isEmpty() && isWord(core)) {
            valueWords.differedAt(core, skeleton);
        }
    }

    /**
     * Whether each of the positions shows enough distinct values among the groups and the message:
     * {@link Generalisation#minDistinctWords()} (not for the first word, nor for two positions at once), or
     * {@link Generalisation#minDistinctKnownValues()} when one of them is a known value ({@link ValueWords}: seen as
     * the value of a key, or varying under two skeletons), or two when they are one name with different indexes
     * ({@code eth0}, {@code eth1}: the index varies, as a number would) or units after a number ({@code 93.0 B},
     * {@code 5.2 KB}: the unit scales with the value).
     */
    private boolean everyPositionVaries(List<Integer> positions, List<Group> groups, String[] tokens) {
        for (int position : positions) {
            Set<String> values = new HashSet<>();
            values.add(core(tokens[position]));
            for (Group group : groups) {
                values.add(core(group.tokens[position]));
            }
            // The first word names the event more often than not (Drain files messages by their leading tokens):
            // it becomes a parameter on evidence about its values only, never on their count alone.
            boolean counted = values.size() >= settings.minDistinctWords() && position > 0 && positions.size() == 1;
            if (!counted && !IndexedName.oneStem(values) && !unitsOfANumber(position, values, tokens)
                    && (values.size() < settings.minDistinctKnownValues() || !anyKnownValue(values))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unitsOfANumber(int position, Set<String> values, String[] tokens) {
        if (position == 0 || !isValue(core(tokens[position - 1]))) {
            return false;
        }
        for (String value : values) {
            if (!UnitNames.contains(value)) {
                return false;
            }
        }
        return true;
    }

    private boolean anyKnownValue(Set<String> values) {
        for (String value : values) {
            if (valueWords.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compares a group's template and a message of the same skeleton: the word positions of the template where they
     * differ, at most {@link #MAX_DIFFERING} of them (empty: the message fits), or null when they are apart. A
     * variable takes a word only when it has held words before (a position learned here, or whose samples are
     * names): one masked for its form ({@code node-7} has a digit) does not; an empty {@code ()} takes bracketed
     * values. Fewer shared constants than {@code minShared} and than differing positions, or more words absorbed by
     * variables than constants shared, is apart.
     */
    private static List<Integer> differences(Group group, String[] message, int minShared) {
        String[] template = group.tokens;
        int shared = 0;
        int absorbed = 0;
        List<Integer> differing = new ArrayList<>(MAX_DIFFERING);
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (!isWordOrValue(t)) {
                shared++; // same shape, as the skeletons are equal
                continue;
            }
            String core = core(t);
            boolean messageValue = isValue(core(message[i]));
            if (isValue(core) && (messageValue || group.heldWords(i) || core.isEmpty() && sameOpening(t, message[i]))) {
                absorbed += messageValue ? 0 : 1;
            } else if (t.equals(message[i])) {
                shared++;
            } else if (differing.size() == MAX_DIFFERING) {
                return null;
            } else {
                differing.add(i);
            }
        }
        if (shared < Math.max(minShared, differing.size()) || absorbed > shared) {
            return null;
        }
        return differing;
    }

    /** Whether an empty value such as {@code ()} and a token open with the same bracket or quote. */
    private static boolean sameOpening(String empty, String token) {
        return !empty.isEmpty() && !token.isEmpty() && EDGES.indexOf(empty.charAt(0)) >= 0
                && empty.charAt(0) == token.charAt(0);
    }

    /** The tokens with every word, value or empty value replaced by one mark; other tokens as their shapes. */
    static String skeleton(String[] tokens) {
        StringBuilder key = new StringBuilder(tokens.length * 4);
        for (String token : tokens) {
            if (!key.isEmpty()) {
                key.append(' ');
            }
            key.append(isWordOrValue(token) ? MARK : TokenShapes.of(token));
        }
        return key.toString();
    }

    /** The token without brackets, quotes and trailing punctuation around it. */
    static String core(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && EDGES.indexOf(token.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && EDGES.indexOf(token.charAt(b - 1)) >= 0) {
            b--;
        }
        return token.substring(a, b);
    }

    /** The template token for a position learned to be variable: the value replaced, the punctuation around kept. */
    static String generalised(String token) {
        String core = core(token);
        if (core.isEmpty()) {
            return Placeholders.ANY;
        }
        int at = token.indexOf(core);
        return token.substring(0, at) + Placeholders.ANY + token.substring(at + core.length());
    }

    private static boolean isWordOrValue(String token) {
        String core = core(token);
        return core.isEmpty() || isValue(core) || isWord(core);
    }

    /** A single placeholder, such as {@code <int>}. */
    private static boolean isValue(String core) {
        if (core.isEmpty()) {
            return true;
        }
        return core.charAt(0) == '<' && core.indexOf('>') == core.length() - 1
                && Placeholders.generalize(core).equals(Placeholders.ANY);
    }

    /**
     * Letters, possibly joined by {@code - _ . @ '}: names of users, hosts, queues, files without digits; or a name
     * with a one-digit index ({@link IndexedName}), which the masker leaves as a word.
     */
    static boolean isWord(String core) {
        if (IndexedName.is(core)) {
            return true;
        }
        if (!Character.isLetter(core.charAt(0))) {
            return false;
        }
        for (int i = 1; i < core.length(); i++) {
            char c = core.charAt(i);
            if (!Character.isLetter(c) && c != '-' && c != '_' && c != '.' && c != '@' && c != '\'') {
                return false;
            }
        }
        return true;
    }

    /** The positions learned to be variables and the live groups that differ from the message only there. */
    record Learned(List<Integer> positions, List<Group> groups) {
    }
}
