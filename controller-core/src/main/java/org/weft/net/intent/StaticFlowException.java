package org.weft.net.intent;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Why the static flow service refused or could not complete a request; the message is meant for the
 * operator and says what was kept (a refused flow is never kept, a deletion is recorded before its
 * removal is sent).
 */
public final class StaticFlowException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The flow is not a possible one (or the id is not a static flow id). */
        INVALID,
        /** No static flow has this id. */
        NOT_FOUND,
        /** Its switch is not connected (before, or while waiting for it). */
        SWITCH_NOT_CONNECTED,
        /** The flow names a port its switch lacks. */
        NO_SUCH_PORT,
        /** Another static flow has the same switch, table, priority and match. */
        DUPLICATE,
        /** It was deleted while it was being installed. */
        DELETED,
        /** The switch rejected it (the cause is the switch's error). */
        REJECTED,
        /** The rule has no form in the switch's OpenFlow version. */
        UNSUPPORTED,
        /** The switch did not confirm it within the request timeout. */
        TIMEOUT,
        /** The switch's answer could not be used (too large, or an unexpected failure). */
        FAILED,
        /** The caller's thread was interrupted while it waited for the switch. */
        INTERRUPTED,
        /**
         * A deletion is recorded but its removal from the switch was not confirmed; the cause (a
         * {@code StaticFlowException} of kind REJECTED, TIMEOUT, UNSUPPORTED, FAILED or
         * INTERRUPTED) says why.
         */
        NOT_REMOVED,
        /** The intent store could not record or forget it. */
        STORE_FAILED
    }

    private final Kind kind;

    public StaticFlowException(Kind kind, String message) {
        this(kind, message, null);
    }

    public StaticFlowException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = checkNotNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
