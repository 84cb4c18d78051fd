package io.selfheal.store;

/** Another live Selfheal already uses this embedded data directory; its message is meant for the user as it is. */
public final class AnotherInstanceRunningException extends IllegalStateException {
    public AnotherInstanceRunningException(String message) {
        super(message);
    }
}
