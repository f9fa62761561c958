package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkNotNull;

/** One change to a switch's flow table, part of a batch. */
public record FlowRuleOperation(Type type, FlowRule rule) {

    /** What to do with the rule. */
    public enum Type {
        /** Add, or replace an entry with the same match and priority. */
        ADD,
        /** Change the actions of entries with the same match and priority. */
        MODIFY,
        /** Remove the entry with exactly this match and priority. */
        REMOVE
    }

    public FlowRuleOperation {
        checkNotNull(type, "type");
        checkNotNull(rule, "rule");
    }

    public static FlowRuleOperation add(FlowRule rule) {
        return new FlowRuleOperation(Type.ADD, rule);
    }

    public static FlowRuleOperation remove(FlowRule rule) {
        return new FlowRuleOperation(Type.REMOVE, rule);
    }
}
