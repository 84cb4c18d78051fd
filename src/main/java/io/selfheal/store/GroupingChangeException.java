package io.selfheal.store;

/** A merge or split that cannot be made, with the reason the API turns into a status code. */
public final class GroupingChangeException extends Exception {

    public enum Reason { NOT_FOUND, INVALID, CONFLICT }

    private final Reason reason;

    public GroupingChangeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
