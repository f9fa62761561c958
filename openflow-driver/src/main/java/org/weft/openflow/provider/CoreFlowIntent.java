package org.weft.openflow.provider;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.openflow.channel.CoreFlows;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchRegistry;

/**
 * The driver's own entries as intent: the table-miss entry (OpenFlow 1.3) and the packet requests
 * (LLDP, ARP to the controller), so a switch whose tables were wiped sends its packets to Weft
 * again after the next pass.
 */
public final class CoreFlowIntent implements IntentSource {

    private final OfSwitchRegistry switches;
    private final OfPacketManager packets;

    public CoreFlowIntent(OfSwitchRegistry switches, OfPacketManager packets) {
        this.switches = switches;
        this.packets = packets;
    }

    @Override
    public String name() {
        return "core";
    }

    @Override
    public int appId() {
        return Cookies.CORE_APP;
    }

    @Override
    public SwitchEntries intended(Dpid dpid) {
        List<FlowRule> flows = new ArrayList<>(packets.requestRules(dpid));
        boolean of10 =
                switches.get(dpid).map(OfSwitch::version).orElse(OFVersion.OF_13)
                        == OFVersion.OF_10;
        if (!of10) {
            flows.add(CoreFlows.tableMiss(dpid));
        }
        if (switches.get(dpid).map(OfSwitch::policyStage).orElse(false)) {
            flows.add(CoreFlows.policyMiss(dpid));
        }
        return SwitchEntries.flows(flows);
    }
}
