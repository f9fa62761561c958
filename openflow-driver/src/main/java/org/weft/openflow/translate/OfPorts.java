package org.weft.openflow.translate;

import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescProp;
import org.projectfloodlight.openflow.protocol.OFPortDescPropEthernet;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.device.Port;

/** Port numbers and port descriptions between Loxi and core. */
public final class OfPorts {

    private OfPorts() {}

    public static OFPort toOf(PortNumber port) {
        return OFPort.ofInt((int) port.value());
    }

    public static PortNumber toCore(OFPort port) {
        return PortNumber.of(Integer.toUnsignedLong(port.getPortNumber()));
    }

    /** Translates a port description of any OpenFlow version. */
    public static Port toCore(OFPortDesc desc) {
        Set<OFPortConfig> config = desc.getConfig();
        Set<OFPortState> state = desc.getState();
        return new Port(
                toCore(desc.getPortNo()),
                desc.getName(),
                MacAddress.of(desc.getHwAddr().getLong()),
                !config.contains(OFPortConfig.PORT_DOWN),
                !state.contains(OFPortState.LINK_DOWN),
                speedMbps(desc));
    }

    private static long speedMbps(OFPortDesc desc) {
        OFVersion v = desc.getVersion();
        if (v == OFVersion.OF_10) {
            return fromFeatures(desc.getCurr());
        }
        if (v.compareTo(OFVersion.OF_14) >= 0) {
            List<OFPortDescProp> props = desc.getProperties();
            for (OFPortDescProp p : props) {
                if (p instanceof OFPortDescPropEthernet eth) {
                    return eth.getCurrSpeed() / 1000;
                }
            }
            return 0;
        }
        long kbps = desc.getCurrSpeed();
        return kbps > 0 ? kbps / 1000 : fromFeatures(desc.getCurr());
    }

    private static long fromFeatures(Set<OFPortFeatures> features) {
        long best = 0;
        for (OFPortFeatures f : features) {
            if (f.getPortSpeed() != null) {
                best = Math.max(best, f.getPortSpeed().getSpeedBps() / 1_000_000);
            }
        }
        return best;
    }
}
