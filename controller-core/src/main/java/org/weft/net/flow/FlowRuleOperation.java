package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.OptionalInt;

/**
 * One change to a switch's flow table, part of a batch.
 *
 * @param bufferId a buffer of the switch this operation goes to, holding a packet it sent to the
 *     controller ({@link org.weft.net.packet.InboundPacket#bufferId()}): the switch installs the
 *     rule, then sends that packet through its table and frees the buffer (the flow-mod's {@code
 *     buffer_id}), so no packet-out is needed. Empty for a plain change ({@code NO_BUFFER}); only
 *     an ADD or a MODIFY can name a buffer
 */
public record FlowRuleOperation(Type type, FlowRule rule, OptionalInt bufferId) {

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
        checkNotNull(bufferId, "bufferId");
        checkArgument(
                bufferId.isEmpty() || type != Type.REMOVE, "a REMOVE cannot release a buffer");
    }

    /** A change that names no buffer. */
    public FlowRuleOperation(Type type, FlowRule rule) {
        this(type, rule, OptionalInt.empty());
    }

    public static FlowRuleOperation add(FlowRule rule) {
        return new FlowRuleOperation(Type.ADD, rule);
    }

    /**
     * Adds the rule and releases the packet the switch holds in {@code bufferId} through its table
     * (see {@link #bufferId()}); a plain {@link #add} when {@code bufferId} is empty.
     */
    public static FlowRuleOperation addReleasing(FlowRule rule, OptionalInt bufferId) {
        return new FlowRuleOperation(Type.ADD, rule, bufferId);
    }

    public static FlowRuleOperation remove(FlowRule rule) {
        return new FlowRuleOperation(Type.REMOVE, rule);
    }
}
