package org.weft.openflow.emulator;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMatchV3;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.match.MatchFields;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.weft.net.Ip4Address;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.flow.FlowMatch;
import org.weft.openflow.emulator.BadEntryException.Kind;

/**
 * The emulator's own reading of OpenFlow matches (1.0 and 1.3, as Loxi parsed them off the wire)
 * into the {@link FlowMatch} its table keeps, and back for flow stats replies. Written from the
 * OpenFlow specification, independently of openflow-driver's translation, so that a mistake there
 * (a swapped field, a VLAN id without OFPVID_PRESENT) is not undone here and shows in the tables. A
 * match the emulator cannot represent exactly is refused with OFPET_BAD_MATCH.
 */
final class WireMatches {

    /** OFPVID_PRESENT: set in a VLAN_VID match field whenever a tag is matched (OF1.3 7.2.3.7). */
    static final int VID_PRESENT = 0x1000;

    private static final int VID_MASK = 0x0fff;

    private WireMatches() {}

    /** One field as the match carries it: its value, and its mask or null when exact. */
    private record Field(MatchField<?> field, OFValueType<?> value, OFValueType<?> mask) {}

    static FlowMatch decode(Match m) {
        FlowMatch.Builder b = FlowMatch.builder();
        Set<MatchFields> seen = EnumSet.noneOf(MatchFields.class);
        for (Field fv : fields(m)) {
            if (!seen.add(fv.field().id)) {
                throw new BadEntryException(
                        Kind.BAD_MATCH, "match field " + fv.field().getName() + " given twice");
            }
            Object v = fv.value();
            switch (fv.field().id) {
                case IN_PORT -> b.inPort(EmulatorPorts.number((OFPort) exact(fv)));
                case ETH_SRC ->
                        b.ethSrc(
                                MacAddress.of(
                                        ((org.projectfloodlight.openflow.types.MacAddress)
                                                        exact(fv))
                                                .getLong()));
                case ETH_DST ->
                        b.ethDst(
                                MacAddress.of(
                                        ((org.projectfloodlight.openflow.types.MacAddress)
                                                        exact(fv))
                                                .getLong()));
                case ETH_TYPE -> b.ethType(((EthType) exact(fv)).getValue());
                case VLAN_VID -> b.vlanVid(vlanVid((OFVlanVidMatch) exact(fv)));
                case IP_PROTO -> b.ipProto((int) ((IpProtocol) exact(fv)).getIpProtocolNumber());
                case IPV4_SRC -> b.ipv4Src(prefix(fv));
                case IPV4_DST -> b.ipv4Dst(prefix(fv));
                case TCP_SRC -> b.tcpSrc(((TransportPort) exact(fv)).getPort());
                case TCP_DST -> b.tcpDst(((TransportPort) exact(fv)).getPort());
                case UDP_SRC -> b.udpSrc(((TransportPort) exact(fv)).getPort());
                case UDP_DST -> b.udpDst(((TransportPort) exact(fv)).getPort());
                default ->
                        throw new BadEntryException(
                                Kind.BAD_MATCH,
                                "match field " + fv.field().getName() + " unsupported (" + v + ")");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadEntryException(Kind.BAD_MATCH, "bad prerequisites: " + e.getMessage(), e);
        }
    }

    /**
     * The fields as sent: OpenFlow 1.3's OXM list as it is (Loxi's {@link Match} view hides a field
     * whose prerequisite is missing, which a switch refuses with BAD_PREREQ); OpenFlow 1.0's
     * non-wildcarded fields (a 1.0 switch ignores fields without their prerequisite, as Loxi does).
     */
    private static List<Field> fields(Match m) {
        List<Field> out = new ArrayList<>();
        if (m instanceof OFMatchV3 v3) {
            for (OFOxm<?> oxm : v3.getOxmList()) {
                out.add(
                        new Field(
                                oxm.getMatchField(),
                                oxm.getValue(),
                                oxm.isMasked() ? oxm.getMask() : null));
            }
            return out;
        }
        for (MatchField<?> field : m.getMatchFields()) {
            out.add(field(m, field));
        }
        return out;
    }

    private static <F extends OFValueType<F>> Field field(Match m, MatchField<F> field) {
        if (m.isExact(field)) {
            return new Field(field, m.get(field), null);
        }
        Masked<F> masked = m.getMasked(field);
        return new Field(field, masked.getValue(), masked.getMask());
    }

    private static Object exact(Field fv) {
        if (fv.mask() != null) {
            throw new BadEntryException(
                    Kind.BAD_MATCH, "masked " + fv.field().getName() + " unsupported");
        }
        return fv.value();
    }

    /** A tagged VLAN id: OFPVID_PRESENT set, the id in the low 12 bits. */
    static int vlanVid(OFVlanVidMatch v) {
        int raw = v.getRawVid() & 0xffff;
        if ((raw & VID_PRESENT) == 0 || (raw & ~(VID_PRESENT | VID_MASK)) != 0) {
            throw new BadEntryException(
                    Kind.BAD_MATCH,
                    String.format("VLAN_VID 0x%04x lacks OFPVID_PRESENT or has extra bits", raw));
        }
        return raw & VID_MASK;
    }

    private static Ip4Prefix prefix(Field fv) {
        int value = ((IPv4Address) fv.value()).getInt();
        if (fv.mask() == null) {
            return Ip4Prefix.of(Ip4Address.of(value));
        }
        IPv4Address mask = (IPv4Address) fv.mask();
        if (!mask.isCidrMask()) {
            throw new BadEntryException(
                    Kind.BAD_MATCH, fv.field().getName() + " mask " + mask + " is not a prefix");
        }
        if ((value & ~mask.getInt()) != 0) {
            throw new BadEntryException(
                    Kind.BAD_MATCH,
                    fv.field().getName()
                            + " "
                            + fv.value()
                            + "/"
                            + mask
                            + " has bits past its mask");
        }
        return new Ip4Prefix(Ip4Address.of(value), mask.asCidrMaskLength());
    }

    /** A flow stats reply's match for an entry of the table. */
    static Match encode(OFFactory f, FlowMatch fm) {
        return ENCODED.asMap()
                .computeIfAbsent(new EncodedKey(f.getVersion(), fm), k -> build(f, fm));
    }

    /** Most encoded matches kept ({@link #ENCODED}); the least recently used go first. */
    static final int MAX_ENCODED = 65_536;

    private record EncodedKey(OFVersion version, FlowMatch match) {}

    /**
     * Matches already encoded, shared by every switch (Loxi's matches are immutable): a fabric's
     * entries repeat the same few matches (one per destination, on every switch), and flow-stats
     * replies, which every reconcile pass asks for, encode each entry's match again. Building one
     * field by field costs Loxi a new field list per field.
     */
    private static final Cache<EncodedKey, Match> ENCODED =
            CacheBuilder.newBuilder().maximumSize(MAX_ENCODED).build();

    private static Match build(OFFactory f, FlowMatch fm) {
        Match.Builder b = f.buildMatch();
        if (fm.inPort() != null) {
            b.setExact(MatchField.IN_PORT, EmulatorPorts.wire(fm.inPort()));
        }
        if (fm.ethSrc() != null) {
            b.setExact(
                    MatchField.ETH_SRC,
                    org.projectfloodlight.openflow.types.MacAddress.of(fm.ethSrc().value()));
        }
        if (fm.ethDst() != null) {
            b.setExact(
                    MatchField.ETH_DST,
                    org.projectfloodlight.openflow.types.MacAddress.of(fm.ethDst().value()));
        }
        if (fm.ethType() != null) {
            b.setExact(MatchField.ETH_TYPE, EthType.of(fm.ethType()));
        }
        if (fm.vlanVid() != null) {
            b.setExact(
                    MatchField.VLAN_VID,
                    OFVlanVidMatch.ofRawVid((short) (VID_PRESENT | fm.vlanVid())));
        }
        if (fm.ipProto() != null) {
            b.setExact(MatchField.IP_PROTO, IpProtocol.of(fm.ipProto().shortValue()));
        }
        putPrefix(b, MatchField.IPV4_SRC, fm.ipv4Src());
        putPrefix(b, MatchField.IPV4_DST, fm.ipv4Dst());
        putPort(b, MatchField.TCP_SRC, fm.tcpSrc());
        putPort(b, MatchField.TCP_DST, fm.tcpDst());
        putPort(b, MatchField.UDP_SRC, fm.udpSrc());
        putPort(b, MatchField.UDP_DST, fm.udpDst());
        return b.build();
    }

    private static void putPrefix(Match.Builder b, MatchField<IPv4Address> field, Ip4Prefix p) {
        if (p == null) {
            return;
        }
        IPv4Address address = IPv4Address.of(p.address().value());
        if (p.length() == 32) {
            b.setExact(field, address);
        } else {
            b.setMasked(field, address, IPv4Address.of(Ip4Prefix.mask(p.length())));
        }
    }

    private static void putPort(Match.Builder b, MatchField<TransportPort> field, Integer port) {
        if (port != null) {
            b.setExact(field, TransportPort.of(port));
        }
    }
}
