package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkNotNull;

/** One change to a switch's group table, part of a batch. */
public record GroupOperation(Type type, Group group) {

    /** What to do with the group. */
    public enum Type {
        ADD,
        MODIFY,
        REMOVE
    }

    public GroupOperation {
        checkNotNull(type, "type");
        checkNotNull(group, "group");
    }
}
