package io.selfheal.fingerprint;

/**
 * The group an event belongs to.
 *
 * @param id             stable group id (16 lowercase hex chars), the same on every instance and across restarts
 * @param service        service the group belongs to
 * @param errorType      coarse error category
 * @param template       the message template with placeholders such as {@code <int>}
 * @param exceptionType  the (root-cause) exception type, or null
 * @param stackSignature normalized frames that identify the stack, or null
 */
public record Fingerprint(
        String id,
        String service,
        ErrorType errorType,
        String template,
        String exceptionType,
        String stackSignature) {
}
