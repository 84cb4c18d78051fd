package io.selfheal.fingerprint;

import java.util.List;

/**
 * The group an event belongs to.
 *
 * @param id             stable group id (16 lowercase hex chars), the same on every instance and across restarts
 * @param service        service the group belongs to
 * @param errorType      coarse error category
 * @param template       the message template with placeholders such as {@code <int>}
 * @param exceptionType  the (root-cause) exception type, or null
 * @param stackSignature normalized frames that identify the stack, or null
 * @param parameters     the template's placeholders with sample values when the group is a mined template; null when
 *                       the group is decided otherwise (stack trace, rule, merge, split), whose stored template stays
 */
public record Fingerprint(
        String id,
        String service,
        ErrorType errorType,
        String template,
        String exceptionType,
        String stackSignature,
        List<TemplateParameter> parameters) {

    public Fingerprint {
        parameters = parameters == null ? null : List.copyOf(parameters);
    }

    /** A group without template parameters. */
    public Fingerprint(String id, String service, ErrorType errorType, String template, String exceptionType,
                       String stackSignature) {
        this(id, service, errorType, template, exceptionType, stackSignature, null);
    }

    /** The same event counted under another group; that group's stored template and parameters are kept. */
    public Fingerprint regroupedAs(String otherId, String otherTemplate) {
        return new Fingerprint(otherId, service, errorType, otherTemplate != null ? otherTemplate : template,
                exceptionType, stackSignature, null);
    }
}
