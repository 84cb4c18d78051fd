package io.selfheal.llm;

import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * One row of the redactor's rule table.
 *
 * @param kind    what is found, as counted in the audit ({@code openai_key}, {@code email}…)
 * @param label   the placeholder family it becomes ({@code SECRET} → {@code <SECRET_1>})
 * @param hint    a literal the text must contain for the rule to be worth running, or null (keeps the redactor fast
 *                on the many prompts that contain no such thing)
 * @param pattern what to look for
 * @param groups  the capture groups to replace, first non-empty wins; none = the whole match
 * @param accept  a final check on the value (Luhn, mod-97, shape), so lookalikes survive
 * @param context a check on the whole match (e.g. that the key of {@code key=value} names a person)
 */
record RedactionRule(String kind, String label, String hint, Pattern pattern, int[] groups, Predicate<String> accept,
                     Predicate<MatchResult> context) {

    static RedactionRule of(String kind, String label, String hint, String regex, int... groups) {
        return new RedactionRule(kind, label, hint, Pattern.compile(regex), groups, value -> true, match -> true);
    }

    RedactionRule accepting(Predicate<String> check) {
        return new RedactionRule(kind, label, hint, pattern, groups, check, context);
    }

    RedactionRule when(Predicate<MatchResult> check) {
        return new RedactionRule(kind, label, hint, pattern, groups, accept, check);
    }
}
