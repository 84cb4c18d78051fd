package io.selfheal.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether the key of a {@code key=value} pair names a person or an account, so that its value is personal data.
 * Decided from the key's head word, as English compounds put the thing named last: {@code user}, {@code customer_id},
 * {@code X-User-Name}, {@code accountNumber}, {@code spring.datasource.username} name someone; {@code user_agent},
 * {@code user_count}, {@code users}, {@code account_type} name something about them (or several of them) and stay.
 */
final class IdentityKey {
    /** Nouns for a person or an account holder. */
    private static final Set<String> HOLDERS = Set.of("user", "login", "logname", "account", "customer", "email", "mail",
            "owner", "member", "principal", "subscriber", "recipient", "sender", "payer", "cardholder", "person", "employee",
            "patient", "buyer");
    /** Words that, after a holder noun, still name it: {@code customer_id}, {@code user name}, {@code email address}. */
    private static final Set<String> IDENTIFIERS = Set.of("id", "name", "no", "nr", "number", "num", "ref", "login",
            "email", "mail", "address", "handle");

    private IdentityKey() {
    }

    static boolean names(String key) {
        List<String> words = words(key);
        if (words.isEmpty()) {
            return false;
        }
        String head = words.get(words.size() - 1);
        if (isHolder(head)) {
            return true;
        }
        return IDENTIFIERS.contains(head) && words.size() > 1 && isHolder(words.get(words.size() - 2));
    }

    /** A holder noun, alone or glued to an identifier word ({@code username}, {@code customerid}). */
    private static boolean isHolder(String word) {
        if (HOLDERS.contains(word)) {
            return true;
        }
        return HOLDERS.stream().anyMatch(holder -> word.startsWith(holder)
                && IDENTIFIERS.contains(word.substring(holder.length())));
    }

    /** Lower-case words of a key: split at punctuation and camelCase boundaries ({@code XUserId} → x, user, id). */
    static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            boolean upper = Character.isUpperCase(c);
            boolean afterLower = i > 0 && Character.isLowerCase(key.charAt(i - 1));
            boolean acronymEnd = i > 0 && Character.isUpperCase(key.charAt(i - 1)) && i + 1 < key.length()
                    && Character.isLowerCase(key.charAt(i + 1));
            if (upper && (afterLower || acronymEnd)) {
                flush(word, words);
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }
}
