package org.weft.openflow.channel;

import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;

/** The flows the driver itself keeps on switches (cookie app {@link Cookies#CORE_APP}). */
public final class CoreFlows {

    /** Priority 0, match all, to the controller: the OF1.3 table-miss entry. */
    public static final int TABLE_MISS_PRIORITY = 0;

    /** Cookie value of the table-miss entry. */
    static final long TABLE_MISS = 0;

    /** Cookie value of packet-request entries (LLDP and ARP to the controller). */
    public static final long PACKET_REQUEST = 1;

    /** Cookie value of the policy stage's miss entry. */
    static final long POLICY_MISS = 2;

    private CoreFlows() {}

    /**
     * Priority 0 in the policy table, match all: continue to forwarding (what passes no ACL or rate
     * limit is forwarded as usual).
     */
    public static FlowRule policyMiss(Dpid dpid) {
        return FlowRule.builder(dpid)
                .table(FlowRule.POLICY_TABLE)
                .priority(0)
                .match(FlowMatch.ANY)
                .actions(new FlowAction.Continue())
                .cookie(Cookies.make(Cookies.CORE_APP, POLICY_MISS))
                .build();
    }

    public static FlowRule tableMiss(Dpid dpid) {
        return FlowRule.builder(dpid)
                .priority(TABLE_MISS_PRIORITY)
                .match(FlowMatch.ANY)
                .actions(FlowAction.output(PortNumber.CONTROLLER))
                .cookie(Cookies.make(Cookies.CORE_APP, TABLE_MISS))
                .build();
    }

    /** An entry sending matching packets to the controller (a packet request). */
    public static FlowRule packetRequest(Dpid dpid, FlowMatch match, int priority) {
        return FlowRule.builder(dpid)
                .priority(priority)
                .match(match)
                .actions(FlowAction.output(PortNumber.CONTROLLER))
                .cookie(Cookies.make(Cookies.CORE_APP, PACKET_REQUEST))
                .build();
    }
}
