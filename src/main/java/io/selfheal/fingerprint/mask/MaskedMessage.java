package io.selfheal.fingerprint.mask;

/**
 * A message cut into words and masked.
 *
 * @param text     masked words joined by single spaces (what {@link Masker#mask} returns)
 * @param tokens   the masked words
 * @param words    the original words, index for index with {@code tokens}
 * @param variable whether each masked word holds a placeholder, i.e. the word carries a value
 */
public record MaskedMessage(String text, String[] tokens, String[] words, boolean[] variable) {
}
