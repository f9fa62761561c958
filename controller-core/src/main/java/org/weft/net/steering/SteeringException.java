package org.weft.net.steering;

import static com.google.common.base.Preconditions.checkNotNull;

/** A steering request Weft refuses, with the kind of mistake and a reason for the operator. */
public final class SteeringException extends RuntimeException {

    /** What is wrong with the request. */
    public enum Kind {
        /** The request itself is malformed or contradictory. */
        INVALID,
        /** It names a switch the topology does not have. */
        UNKNOWN_SWITCH,
        /** It names a link the topology does not have. */
        UNKNOWN_LINK,
        /** Two consecutive switches of its path are not linked. */
        NOT_LINKED,
        /** No steering rule has this id. */
        UNKNOWN_RULE
    }

    private final Kind kind;

    public SteeringException(Kind kind, String reason) {
        super(reason);
        this.kind = checkNotNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
