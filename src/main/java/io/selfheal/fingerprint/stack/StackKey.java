package io.selfheal.fingerprint.stack;

/**
 * The grouping key of a stack trace: traces with the same hash are the same bug.
 *
 * @param rootExceptionType the root cause's type
 * @param topExceptionType  the outermost exception's type (equal to the root's when there is no chain)
 * @param signature         the readable components that were hashed, one per line
 * @param hash              the first 16 hex chars of the SHA-256 of the signature
 */
public record StackKey(String rootExceptionType, String topExceptionType, String signature, String hash) {
}
