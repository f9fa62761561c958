package org.weft.openflow.emulator;

import java.util.EnumSet;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.PortNumber;
import org.weft.net.device.Port;

/**
 * Port numbers on the wire (Loxi widens OpenFlow 1.0's 16-bit reserved ports to their 32-bit
 * values) and the port descriptions the emulator reports, in the switch's OpenFlow version.
 */
final class EmulatorPorts {

    private EmulatorPorts() {}

    static PortNumber number(OFPort port) {
        return PortNumber.of(Integer.toUnsignedLong(port.getPortNumber()));
    }

    static OFPort wire(PortNumber port) {
        return OFPort.ofInt((int) port.value());
    }

    static OFPortDesc describe(OFFactory f, Port p) {
        Set<OFPortConfig> config =
                p.adminUp()
                        ? EnumSet.noneOf(OFPortConfig.class)
                        : EnumSet.of(OFPortConfig.PORT_DOWN);
        Set<OFPortState> state =
                p.linkUp() ? EnumSet.of(OFPortState.LIVE) : EnumSet.of(OFPortState.LINK_DOWN);
        if (f.getVersion() == OFVersion.OF_10) {
            state =
                    p.linkUp()
                            ? EnumSet.noneOf(OFPortState.class)
                            : EnumSet.of(OFPortState.LINK_DOWN);
        }
        OFPortDesc.Builder b =
                f.buildPortDesc()
                        .setPortNo(wire(p.number()))
                        .setHwAddr(MacAddress.of(p.mac().value()))
                        .setName(p.name())
                        .setConfig(config)
                        .setState(state)
                        .setCurr(features(p.speedMbps()));
        if (f.getVersion() != OFVersion.OF_10) {
            b.setCurrSpeed(p.speedMbps() * 1000).setMaxSpeed(p.speedMbps() * 1000);
        }
        return b.build();
    }

    private static Set<OFPortFeatures> features(long mbps) {
        if (mbps >= 10_000) {
            return EnumSet.of(OFPortFeatures.PF_10GB_FD);
        } else if (mbps >= 1_000) {
            return EnumSet.of(OFPortFeatures.PF_1GB_FD);
        } else if (mbps >= 100) {
            return EnumSet.of(OFPortFeatures.PF_100MB_FD);
        }
        return EnumSet.of(OFPortFeatures.PF_10MB_FD);
    }
}
