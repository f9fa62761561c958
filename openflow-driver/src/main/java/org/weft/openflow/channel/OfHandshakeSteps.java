package org.weft.openflow.channel;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.OfConfig;
import org.weft.openflow.translate.OfFlowMods;

/** The messages that configure a switch once its ports are known. */
final class OfHandshakeSteps {

    private final OfConfig config;

    OfHandshakeSteps(OfConfig config) {
        this.config = config;
    }

    /**
     * SET_CONFIG, the table-miss flow (OF1.3+), a role request if configured, and a closing
     * barrier; xids start at {@code firstXid}. The barrier is last.
     */
    List<OFMessage> configure(OFFactory f, Dpid dpid, long firstXid) {
        return configure(f, dpid, false, firstXid);
    }

    /**
     * As {@link #configure(OFFactory, Dpid, long)}; with a policy stage the table-miss flow goes to
     * forwarding's first table and the policy stage's miss entry (continue to forwarding) to
     * physical table 0, both before the barrier.
     */
    List<OFMessage> configure(OFFactory f, Dpid dpid, boolean policyStage, long firstXid) {
        long xid = firstXid;
        List<OFMessage> out = new ArrayList<>();
        out.add(f.buildSetConfig().setXid(xid++).setMissSendLen(config.missSendLen()).build());
        if (f.getVersion() != OFVersion.OF_10) {
            FlowRule miss = CoreFlows.tableMiss(dpid);
            out.add(OfFlowMods.toFlowMod(f, policyStage, FlowRuleOperation.add(miss), xid++));
        }
        if (policyStage) {
            FlowRule pass = CoreFlows.policyMiss(dpid);
            out.add(OfFlowMods.toFlowMod(f, true, FlowRuleOperation.add(pass), xid++));
        }
        if (config.sendRoleRequest() && f.getVersion() != OFVersion.OF_10) {
            out.add(
                    f.buildRoleRequest()
                            .setXid(xid++)
                            .setRole(OFControllerRole.ROLE_MASTER)
                            .setGenerationId(U64.ZERO)
                            .build());
        }
        out.add(f.buildBarrierRequest().setXid(xid).build());
        return out;
    }
}
