package org.weft.rest.flows;

import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;

/**
 * One static flow held in memory: its record, its rule and where it stands on its switch. The state
 * is dated by the switch's connection ({@code connectedAtMillis}) it was learned on: after a
 * reconnect an old {@code INSTALLED} reads as {@code PENDING} until it is confirmed again.
 */
final class StaticFlow {

    /** A state and the connection it was learned on ({@code -1}: none). */
    record Status(StaticFlowState state, String error, long connection) {}

    private final long id;
    private final StaticFlowRecord record;
    private final FlowRule rule;
    private volatile Status status;

    private StaticFlow(long id, StaticFlowRecord record, FlowRule rule, Status status) {
        this.id = id;
        this.record = record;
        this.rule = rule;
        this.status = status;
    }

    /** A flow just recorded for a switch connected as {@code connection}. */
    static StaticFlow recorded(long id, StaticFlowRecord r, FlowRule rule, long connection) {
        return new StaticFlow(id, r, rule, new Status(StaticFlowState.PENDING, null, connection));
    }

    /** A flow read from the store at start. */
    static StaticFlow loaded(long id, StaticFlowRecord r, FlowRule rule) {
        return new StaticFlow(id, r, rule, new Status(StaticFlowState.PENDING, null, -1));
    }

    long id() {
        return id;
    }

    Dpid dpid() {
        return rule.dpid();
    }

    StaticFlowRecord record() {
        return record;
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
