package org.weft.openflow.translate;

import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.weft.net.Ip4Address;
import org.weft.net.Ip4Prefix;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowMatch;

/** {@link FlowMatch} to and from Loxi matches (OF1.0 and OF1.3+ alike). */
public final class OfMatches {

    private OfMatches() {}

    public static Match toOf(OFFactory factory, FlowMatch m) {
        Match.Builder b = factory.buildMatch();
        if (m.inPort() != null) {
            b.setExact(MatchField.IN_PORT, OfPorts.toOf(m.inPort()));
        }
        if (m.ethSrc() != null) {
            b.setExact(MatchField.ETH_SRC, MacAddress.of(m.ethSrc().value()));
        }
        if (m.ethDst() != null) {
            b.setExact(MatchField.ETH_DST, MacAddress.of(m.ethDst().value()));
        }
        if (m.ethType() != null) {
            b.setExact(MatchField.ETH_TYPE, EthType.of(m.ethType()));
        }
        if (m.vlanVid() != null) {
            b.setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(m.vlanVid()));
        }
        if (m.ipProto() != null) {
            b.setExact(MatchField.IP_PROTO, IpProtocol.of(m.ipProto().shortValue()));
        }
        setPrefix(b, MatchField.IPV4_SRC, m.ipv4Src());
        setPrefix(b, MatchField.IPV4_DST, m.ipv4Dst());
        setPort(b, MatchField.TCP_SRC, m.tcpSrc());
        setPort(b, MatchField.TCP_DST, m.tcpDst());
        setPort(b, MatchField.UDP_SRC, m.udpSrc());
        setPort(b, MatchField.UDP_DST, m.udpDst());
        return b.build();
    }

    private static void setPrefix(Match.Builder b, MatchField<IPv4Address> field, Ip4Prefix p) {
        if (p == null) {
            return;
        }
        IPv4Address addr = IPv4Address.of(p.address().value());
        if (p.isHost()) {
            b.setExact(field, addr);
        } else {
            b.setMasked(field, addr, IPv4Address.ofCidrMaskLength(p.length()));
        }
    }

    private static void setPort(Match.Builder b, MatchField<TransportPort> field, Integer port) {
        if (port != null) {
            b.setExact(field, TransportPort.of(port));
        }
    }

    /** Reads back the fields Weft writes; other fields are ignored. */
    public static FlowMatch toCore(Match m) {
        FlowMatch.Builder b = FlowMatch.builder();
        if (m.isExact(MatchField.IN_PORT)) {
            b.inPort(OfPorts.toCore(m.get(MatchField.IN_PORT)));
        }
        if (m.isExact(MatchField.ETH_SRC)) {
            b.ethSrc(org.weft.net.MacAddress.of(m.get(MatchField.ETH_SRC).getLong()));
        }
        if (m.isExact(MatchField.ETH_DST)) {
            b.ethDst(org.weft.net.MacAddress.of(m.get(MatchField.ETH_DST).getLong()));
        }
        if (m.isExact(MatchField.ETH_TYPE)) {
            b.ethType(m.get(MatchField.ETH_TYPE).getValue());
        }
        if (m.isExact(MatchField.VLAN_VID)) {
            b.vlanVid((int) m.get(MatchField.VLAN_VID).getVlan());
        }
        if (m.isExact(MatchField.IP_PROTO)) {
            b.ipProto((int) m.get(MatchField.IP_PROTO).getIpProtocolNumber());
        }
        b.ipv4Src(prefix(m, MatchField.IPV4_SRC));
        b.ipv4Dst(prefix(m, MatchField.IPV4_DST));
        b.tcpSrc(port(m, MatchField.TCP_SRC));
        b.tcpDst(port(m, MatchField.TCP_DST));
        b.udpSrc(port(m, MatchField.UDP_SRC));
        b.udpDst(port(m, MatchField.UDP_DST));
        return b.build();
    }

    private static Ip4Prefix prefix(Match m, MatchField<IPv4Address> f) {
        if (m.isExact(f)) {
            return Ip4Prefix.of(Ip4Address.of(m.get(f).getInt()));
        }
        if (m.isPartiallyMasked(f)) {
            var masked = m.getMasked(f);
            return new Ip4Prefix(
                    Ip4Address.of(masked.getValue().getInt() & masked.getMask().getInt()),
                    masked.getMask().asCidrMaskLength());
        }
        return null;
    }

    private static Integer port(Match m, MatchField<TransportPort> f) {
        return m.isExact(f) ? m.get(f).getPort() : null;
    }

    /** Convenience for {@link PortNumber} in-port matches. */
    public static PortNumber inPort(Match m) {
        return m.isExact(MatchField.IN_PORT) ? OfPorts.toCore(m.get(MatchField.IN_PORT)) : null;
    }
}
