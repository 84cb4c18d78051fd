package io.selfheal.fingerprint.mining;

import java.util.List;

/**
 * The group a message was matched to, as it stands after the match.
 *
 * @param id         stable id: 16 lowercase hex chars fixed at the group's birth
 * @param service    the service whose messages the group holds
 * @param template   current template; masked values appear as typed placeholders, generalised positions as {@code <*>}
 * @param parameters a few sample values for each placeholder of the template, in template order
 * @param placeholders the template's placeholder tokens, in template order (one per entry of {@code parameters})
 */
public record MinedGroup(String id, String service, String template, List<List<String>> parameters,
                         List<String> placeholders) {
}
