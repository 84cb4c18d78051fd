package io.selfheal.api;

/** No valid bearer token for the call; answered with 401 and a JSON error. */
public final class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
