package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.MacAddress;
import org.weft.net.PortNumber;

/** One action applied to a matched packet, in order. An empty action list drops the packet. */
public sealed interface FlowAction {

    static Output output(PortNumber port) {
        return new Output(port);
    }

    static Output output(long port) {
        return new Output(PortNumber.of(port));
    }

    static ToGroup group(int groupId) {
        return new ToGroup(groupId);
    }

    /** Send out of a port (physical or reserved). */
    record Output(PortNumber port) implements FlowAction {
        public Output {
            checkNotNull(port, "port");
        }
    }

    /** Hand the packet to a group (OF1.3 only). */
    record ToGroup(int groupId) implements FlowAction {
        public ToGroup {
            checkArgument(groupId >= 0, "group id must not be negative");
        }
    }

    /**
     * Only in the {@link FlowRule#POLICY_TABLE policy stage}, last: go on to normal forwarding
     * (OpenFlow 1.3 goto_table). A policy entry without it drops the packet.
     */
    record Continue() implements FlowAction {}

    /**
     * Only in the {@link FlowRule#POLICY_TABLE policy stage}: pass the packet through a meter
     * (OpenFlow 1.3 meter instruction); packets over its rate are dropped by its band.
     */
    record Meter(long meterId) implements FlowAction {
        public Meter {
            checkArgument(
                    meterId >= 1 && meterId <= 0xffff0000L, "meter id %s out of range", meterId);
        }
    }

    /** Push an 802.1Q tag (OF1.3; on OF1.0 {@link SetVlanVid} adds a tag by itself). */
    record PushVlan() implements FlowAction {}

    /**
     * Set the VLAN id of the outer 802.1Q tag (on OF1.3 the packet must carry one; see {@link
     * PushVlan}).
     */
    record SetVlanVid(int vlanVid) implements FlowAction {
        public SetVlanVid {
            checkArgument(vlanVid >= 0 && vlanVid <= 0xfff, "VLAN id %s out of range", vlanVid);
        }
    }

    /** Remove the outer 802.1Q tag. */
    record PopVlan() implements FlowAction {}

    /** Rewrite the Ethernet source. */
    record SetEthSrc(MacAddress mac) implements FlowAction {
        public SetEthSrc {
            checkNotNull(mac, "mac");
        }
    }

    /** Rewrite the Ethernet destination. */
    record SetEthDst(MacAddress mac) implements FlowAction {
        public SetEthDst {
            checkNotNull(mac, "mac");
        }
    }
}
