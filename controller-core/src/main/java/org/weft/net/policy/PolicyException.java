package org.weft.net.policy;

import static com.google.common.base.Preconditions.checkNotNull;

/** A policy request Weft refuses, with the kind of mistake and a reason for the operator. */
public final class PolicyException extends RuntimeException {

    /** What is wrong with the request. */
    public enum Kind {
        /** Malformed or contradictory (bad prefix, port, rate, protocol). */
        INVALID,
        /** Its id is taken. */
        DUPLICATE,
        /** No rule or limit has this id. */
        NOT_FOUND,
        /** It names a host or switch Weft does not know. */
        UNKNOWN_TARGET,
        /** A switch it needs cannot do it (no policy stage, no meters). */
        UNSUPPORTED
    }

    private final Kind kind;

    public PolicyException(Kind kind, String reason) {
        super(reason);
        this.kind = checkNotNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    static PolicyException invalid(String reason) {
        return new PolicyException(Kind.INVALID, reason);
    }
}
