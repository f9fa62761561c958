package org.weft.openflow.translate;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionPopVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionPushVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetVlanVid;
import org.projectfloodlight.openflow.protocol.action.OFActionStripVlan;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthDst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthSrc;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmVlanVid;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.VlanVid;
import org.weft.net.flow.FlowAction;

/** {@link FlowAction}s to and from Loxi actions for OF1.0 and OF1.3+. */
public final class OfActions {

    /** Send whole packets to the controller (OFPCML_NO_BUFFER). */
    public static final int MAX_LEN_NO_BUFFER = 0xffff;

    private OfActions() {}

    /**
     * @throws IllegalArgumentException when the action has no form in the factory's OpenFlow
     *     version
     */
    public static List<OFAction> toOf(OFFactory f, List<FlowAction> actions) {
        List<OFAction> out = new ArrayList<>(actions.size());
        boolean of10 = f.getVersion() == OFVersion.OF_10;
        for (FlowAction a : actions) {
            out.add(toOf(f, of10, a));
        }
        return out;
    }

    private static OFAction toOf(OFFactory f, boolean of10, FlowAction a) {
        if (a instanceof FlowAction.Output o) {
            return f.actions().output(OfPorts.toOf(o.port()), MAX_LEN_NO_BUFFER);
        } else if (a instanceof FlowAction.ToGroup g) {
            if (of10) {
                throw new IllegalArgumentException(
                        "groups need OpenFlow 1.3; this switch speaks 1.0");
            }
            return f.actions().group(OFGroup.of(g.groupId()));
        } else if (a instanceof FlowAction.SetVlanVid v) {
            return of10
                    ? f.actions().setVlanVid(VlanVid.ofVlan(v.vlanVid()))
                    : f.actions().setField(f.oxms().vlanVid(OFVlanVidMatch.ofVlan(v.vlanVid())));
        } else if (a instanceof FlowAction.PushVlan) {
            if (of10) {
                throw new IllegalArgumentException(
                        "PushVlan has no OpenFlow 1.0 form; use SetVlanVid");
            }
            return f.actions().pushVlan(EthType.VLAN_FRAME);
        } else if (a instanceof FlowAction.PopVlan) {
            return of10 ? f.actions().stripVlan() : f.actions().popVlan();
        } else if (a instanceof FlowAction.SetEthSrc s) {
            MacAddress mac = MacAddress.of(s.mac().value());
            return of10 ? f.actions().setDlSrc(mac) : f.actions().setField(f.oxms().ethSrc(mac));
        } else if (a instanceof FlowAction.SetEthDst d) {
            MacAddress mac = MacAddress.of(d.mac().value());
            return of10 ? f.actions().setDlDst(mac) : f.actions().setField(f.oxms().ethDst(mac));
        }
        throw new IllegalArgumentException("unsupported action " + a);
    }

    /** Reads back actions; ones Weft never writes come back as null-free skips. */
    public static List<FlowAction> toCore(List<OFAction> actions) {
        List<FlowAction> out = new ArrayList<>(actions.size());
        for (OFAction a : actions) {
            FlowAction c = toCore(a);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static FlowAction toCore(OFAction a) {
        if (a instanceof OFActionOutput o) {
            return FlowAction.output(OfPorts.toCore(o.getPort()));
        } else if (a instanceof OFActionGroup g) {
            return FlowAction.group(g.getGroup().getGroupNumber());
        } else if (a instanceof OFActionSetVlanVid v) {
            return new FlowAction.SetVlanVid(v.getVlanVid().getVlan());
        } else if (a instanceof OFActionPushVlan) {
            return new FlowAction.PushVlan();
        } else if (a instanceof OFActionPopVlan || a instanceof OFActionStripVlan) {
            return new FlowAction.PopVlan();
        } else if (a instanceof OFActionSetDlSrc s) {
            return new FlowAction.SetEthSrc(org.weft.net.MacAddress.of(s.getDlAddr().getLong()));
        } else if (a instanceof OFActionSetDlDst d) {
            return new FlowAction.SetEthDst(org.weft.net.MacAddress.of(d.getDlAddr().getLong()));
        } else if (a instanceof OFActionSetField sf) {
            if (sf.getField() instanceof OFOxmVlanVid v) {
                return new FlowAction.SetVlanVid(v.getValue().getVlan());
            } else if (sf.getField() instanceof OFOxmEthSrc s) {
                return new FlowAction.SetEthSrc(org.weft.net.MacAddress.of(s.getValue().getLong()));
            } else if (sf.getField() instanceof OFOxmEthDst d) {
                return new FlowAction.SetEthDst(org.weft.net.MacAddress.of(d.getValue().getLong()));
            }
        }
        return null;
    }
}
