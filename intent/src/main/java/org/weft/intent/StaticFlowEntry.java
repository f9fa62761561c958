package org.weft.intent;

import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.intent.StaticFlowState;

/**
 * One static flow held in memory: its rule and where it stands on its switch. The state is dated by
 * the switch's connection ({@code connectedAtMillis}) it was learned on: after a reconnect an old
 * {@code INSTALLED} reads as {@code PENDING} until it is confirmed again.
 */
final class StaticFlowEntry {

    /** A state and the connection it was learned on ({@code -1}: none). */
    record Status(StaticFlowState state, String error, long connection) {}

    private final long id;
    private final FlowRule rule;
    private volatile Status status;

    private StaticFlowEntry(long id, FlowRule rule, Status status) {
        this.id = id;
        this.rule = rule;
        this.status = status;
    }

    /** A flow just recorded for a switch connected as {@code connection}. */
    static StaticFlowEntry recorded(long id, FlowRule rule, long connection) {
        return new StaticFlowEntry(id, rule, new Status(StaticFlowState.PENDING, null, connection));
    }

    /** A flow read from the store at start. */
    static StaticFlowEntry loaded(long id, FlowRule rule) {
        return new StaticFlowEntry(id, rule, new Status(StaticFlowState.PENDING, null, -1));
    }

    long id() {
        return id;
    }

    Dpid dpid() {
        return rule.dpid();
    }

    FlowRule rule() {
        return rule;
    }

    Status status() {
        return status;
    }

    void installed(long connection) {
        status = new Status(StaticFlowState.INSTALLED, null, connection);
    }

    void failed(String error, long connection) {
        status = new Status(StaticFlowState.FAILED, error, connection);
    }
}
