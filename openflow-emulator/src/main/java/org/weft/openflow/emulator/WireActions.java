package org.weft.openflow.emulator;

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
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthDst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthSrc;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmVlanVid;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.VlanVid;
import org.weft.net.MacAddress;
import org.weft.net.flow.FlowAction;
import org.weft.openflow.emulator.BadEntryException.Kind;

/**
 * The emulator's own reading of OpenFlow actions and instructions (1.0 and 1.3) into the {@link
 * FlowAction}s its table keeps, and back for stats replies; independent of openflow-driver's
 * translation. An action or instruction the emulator does not model is refused (OFPET_BAD_ACTION,
 * OFPET_BAD_INSTRUCTION) rather than dropped, so nothing is installed that differs from what was
 * sent.
 */
final class WireActions {

    /** OFPCML_NO_BUFFER: whole packets to the controller. */
    private static final int NO_BUFFER = 0xffff;

    private static final int ETH_TYPE_8021Q = 0x8100;

    private WireActions() {}

    /**
     * The actions of an OpenFlow 1.3 instruction list: one apply-actions, or none (drop); a meter
     * instruction reads as {@link FlowAction.Meter} first, a goto_table as {@link
     * FlowAction.Continue} last.
     */
    static List<FlowAction> fromInstructions(List<OFInstruction> instructions) {
        return fromInstructions(instructions, 1);
    }

    /**
     * As {@link #fromInstructions(List)} on a switch with {@code tables} tables: with one, meter
     * and goto_table instructions are refused (BAD_INSTRUCTION) as a one-table switch would.
     */
    static List<FlowAction> fromInstructions(List<OFInstruction> instructions, int tables) {
        List<FlowAction> out = new ArrayList<>();
        int applies = 0;
        boolean proceed = false;
        for (OFInstruction i : instructions) {
            if (tables > 1
                    && i
                            instanceof
                            org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter
                                            m) {
                out.add(0, new FlowAction.Meter(m.getMeterId()));
                continue;
            }
            if (tables > 1
                    && i
                            instanceof
                            org.projectfloodlight.openflow.protocol.instruction
                                    .OFInstructionGotoTable) {
                proceed = true;
                continue;
            }
            if (!(i instanceof OFInstructionApplyActions apply)) {
                throw new BadEntryException(
                        Kind.BAD_INSTRUCTION, "instruction " + i.getType() + " unsupported");
            }
            if (++applies > 1) {
                throw new BadEntryException(Kind.BAD_INSTRUCTION, "apply-actions given twice");
            }
            out.addAll(decode(apply.getActions()));
        }
        if (proceed) {
            out.add(new FlowAction.Continue());
        }
        return out;
    }

    static List<FlowAction> decode(List<OFAction> actions) {
        List<FlowAction> out = new ArrayList<>(actions.size());
        for (OFAction a : actions) {
            out.add(decode(a));
        }
        return out;
    }

    private static FlowAction decode(OFAction a) {
        if (a instanceof OFActionOutput o) {
            return FlowAction.output(EmulatorPorts.number(o.getPort()));
        } else if (a instanceof OFActionGroup g) {
            return FlowAction.group(g.getGroup().getGroupNumber());
        } else if (a instanceof OFActionSetVlanVid v) {
            return setVlan(v.getVlanVid().getVlan());
        } else if (a instanceof OFActionPushVlan p) {
            if (p.getEthertype().getValue() != ETH_TYPE_8021Q) {
                throw new BadEntryException(
                        Kind.BAD_ACTION, "push_vlan of ethertype " + p.getEthertype());
            }
            return new FlowAction.PushVlan();
        } else if (a instanceof OFActionPopVlan || a instanceof OFActionStripVlan) {
            return new FlowAction.PopVlan();
        } else if (a instanceof OFActionSetDlSrc s) {
            return new FlowAction.SetEthSrc(MacAddress.of(s.getDlAddr().getLong()));
        } else if (a instanceof OFActionSetDlDst d) {
            return new FlowAction.SetEthDst(MacAddress.of(d.getDlAddr().getLong()));
        } else if (a instanceof OFActionSetField sf) {
            if (sf.getField() instanceof OFOxmVlanVid v) {
                return setVlan(WireMatches.vlanVid(v.getValue()));
            } else if (sf.getField() instanceof OFOxmEthSrc s) {
                return new FlowAction.SetEthSrc(MacAddress.of(s.getValue().getLong()));
            } else if (sf.getField() instanceof OFOxmEthDst d) {
                return new FlowAction.SetEthDst(MacAddress.of(d.getValue().getLong()));
            }
            throw new BadEntryException(
                    Kind.BAD_ACTION, "set_field of " + sf.getField().getMatchField().getName());
        }
        throw new BadEntryException(Kind.BAD_ACTION, "action " + a.getType() + " unsupported");
    }

    private static FlowAction setVlan(int vid) {
        try {
            return new FlowAction.SetVlanVid(vid);
        } catch (IllegalArgumentException e) {
            throw new BadEntryException(Kind.BAD_ACTION, e.getMessage(), e);
        }
    }

    /** Actions for a stats reply, in the switch's version (the forms it accepted them in). */
    static List<OFAction> encode(OFFactory f, List<FlowAction> actions) {
        boolean of10 = f.getVersion() == OFVersion.OF_10;
        List<OFAction> out = new ArrayList<>(actions.size());
        for (FlowAction a : actions) {
            out.add(encode(f, of10, a));
        }
        return out;
    }

    private static OFAction encode(OFFactory f, boolean of10, FlowAction a) {
        if (a instanceof FlowAction.Output o) {
            return f.actions().output(EmulatorPorts.wire(o.port()), NO_BUFFER);
        } else if (a instanceof FlowAction.ToGroup g) {
            return f.actions().group(OFGroup.of(g.groupId()));
        } else if (a instanceof FlowAction.PushVlan) {
            return f.actions().pushVlan(EthType.of(ETH_TYPE_8021Q));
        } else if (a instanceof FlowAction.PopVlan) {
            return of10 ? f.actions().stripVlan() : f.actions().popVlan();
        } else if (a instanceof FlowAction.SetVlanVid v) {
            return of10
                    ? f.actions().setVlanVid(VlanVid.ofVlan(v.vlanVid()))
                    : f.actions()
                            .setField(
                                    f.oxms()
                                            .vlanVid(
                                                    OFVlanVidMatch.ofRawVid(
                                                            (short)
                                                                    (WireMatches.VID_PRESENT
                                                                            | v.vlanVid()))));
        } else if (a instanceof FlowAction.SetEthSrc s) {
            var mac = org.projectfloodlight.openflow.types.MacAddress.of(s.mac().value());
            return of10 ? f.actions().setDlSrc(mac) : f.actions().setField(f.oxms().ethSrc(mac));
        } else if (a instanceof FlowAction.SetEthDst d) {
            var mac = org.projectfloodlight.openflow.types.MacAddress.of(d.mac().value());
            return of10 ? f.actions().setDlDst(mac) : f.actions().setField(f.oxms().ethDst(mac));
        }
        throw new IllegalStateException("no wire form for " + a);
    }
}
