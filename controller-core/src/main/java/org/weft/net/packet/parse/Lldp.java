package org.weft.net.packet.parse;

import com.google.common.collect.ImmutableList;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.weft.net.MacAddress;

/**
 * An LLDP data unit: chassis ID, port ID, TTL and organizationally specific TLVs (others are
 * skipped). Weft's own probes carry the DPID as an 8-byte locally assigned chassis ID and the port
 * number as a 4-byte locally assigned port ID.
 *
 * @param chassisSubtype chassis ID subtype
 * @param chassisId chassis ID value (do not modify)
 * @param portSubtype port ID subtype
 * @param portId port ID value (do not modify)
 * @param ttlSeconds time to live
 * @param orgTlvs organizationally specific TLVs in frame order
 */
public record Lldp(
        int chassisSubtype,
        byte[] chassisId,
        int portSubtype,
        byte[] portId,
        int ttlSeconds,
        List<OrgTlv> orgTlvs) {

    /** The nearest-bridge multicast address LLDP is sent to. */
    public static final MacAddress MULTICAST = MacAddress.of(0x0180c200000eL);

    /** Chassis ID and port ID subtype "locally assigned". */
    public static final int SUBTYPE_LOCAL = 7;

    private static final int TLV_END = 0;
    private static final int TLV_CHASSIS = 1;
    private static final int TLV_PORT = 2;
    private static final int TLV_TTL = 3;
    private static final int TLV_ORG = 127;

    /**
     * One organizationally specific TLV.
     *
     * @param oui the organization's 24-bit identifier
     * @param subtype the organization's subtype
     * @param info the information string (do not modify)
     */
    public record OrgTlv(int oui, int subtype, byte[] info) {}

    public Lldp {
        orgTlvs = ImmutableList.copyOf(orgTlvs);
    }

    /** A probe naming a switch port the way Weft does. */
    public static Lldp probe(long dpid, long port, int ttlSeconds, List<OrgTlv> orgTlvs) {
        byte[] chassis = new byte[8];
        Bytes.put64(chassis, 0, dpid);
        byte[] portId = new byte[4];
        Bytes.put32(portId, 0, port);
        return new Lldp(SUBTYPE_LOCAL, chassis, SUBTYPE_LOCAL, portId, ttlSeconds, orgTlvs);
    }

    /** Parses an LLDP frame; empty for other frames or when a mandatory TLV is missing or bad. */
    public static Optional<Lldp> parse(Ethernet eth) {
        if (eth.ethType() != Ethernet.TYPE_LLDP) {
            return Optional.empty();
        }
        byte[] b = eth.frame();
        int at = eth.payloadOffset();
        byte[][] mandatory = new byte[3][];
        List<OrgTlv> org = new ArrayList<>(2);
        while (Bytes.has(b, at, 2)) {
            int head = Bytes.u16(b, at);
            int type = head >>> 9;
            int len = head & 0x1ff;
            at += 2;
            if (!Bytes.has(b, at, len)) {
                return Optional.empty();
            }
            if (type == TLV_END) {
                break;
            } else if (type >= TLV_CHASSIS && type <= TLV_TTL) {
                mandatory[type - 1] = Arrays.copyOfRange(b, at, at + len);
            } else if (type == TLV_ORG && len >= 4) {
                int oui = Bytes.u16(b, at) << 8 | Bytes.u8(b, at + 2);
                org.add(
                        new OrgTlv(
                                oui, Bytes.u8(b, at + 3), Arrays.copyOfRange(b, at + 4, at + len)));
            }
            at += len;
        }
        byte[] ch = mandatory[0];
        byte[] pt = mandatory[1];
        byte[] ttl = mandatory[2];
        if (ch == null
                || ch.length < 2
                || pt == null
                || pt.length < 2
                || ttl == null
                || ttl.length != 2) {
            return Optional.empty();
        }
        return Optional.of(
                new Lldp(
                        Bytes.u8(ch, 0),
                        Arrays.copyOfRange(ch, 1, ch.length),
                        Bytes.u8(pt, 0),
                        Arrays.copyOfRange(pt, 1, pt.length),
                        Bytes.u16(ttl, 0),
                        org));
    }

    /** The DPID when the chassis ID is Weft's form (8-byte locally assigned). */
    public OptionalLong dpid() {
        return chassisSubtype == SUBTYPE_LOCAL && chassisId.length == 8
                ? OptionalLong.of(Bytes.s64(chassisId, 0))
                : OptionalLong.empty();
    }

    /** The port number when the port ID is Weft's form (4-byte locally assigned). */
    public OptionalLong portNumber() {
        return portSubtype == SUBTYPE_LOCAL && portId.length == 4
                ? OptionalLong.of(Bytes.u32(portId, 0))
                : OptionalLong.empty();
    }

    /** The first organizationally specific TLV with this OUI and subtype. */
    public Optional<OrgTlv> orgTlv(int oui, int subtype) {
        return orgTlvs.stream().filter(t -> t.oui() == oui && t.subtype() == subtype).findFirst();
    }

    /** The LLDPDU (TLVs ending with End of LLDPDU), the payload of an LLDP frame. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        tlv(out, TLV_CHASSIS, prefixed(chassisSubtype, chassisId));
        tlv(out, TLV_PORT, prefixed(portSubtype, portId));
        byte[] ttl = new byte[2];
        Bytes.put16(ttl, 0, ttlSeconds);
        tlv(out, TLV_TTL, ttl);
        for (OrgTlv t : orgTlvs) {
            byte[] v = new byte[4 + t.info().length];
            v[0] = (byte) (t.oui() >>> 16);
            v[1] = (byte) (t.oui() >>> 8);
            v[2] = (byte) t.oui();
            v[3] = (byte) t.subtype();
            System.arraycopy(t.info(), 0, v, 4, t.info().length);
            tlv(out, TLV_ORG, v);
        }
        tlv(out, TLV_END, new byte[0]);
        return out.toByteArray();
    }

    /** A whole frame to the LLDP multicast address from {@code src}. */
    public byte[] toFrame(MacAddress src) {
        return Ethernet.build(MULTICAST, src, Ethernet.NO_VLAN, Ethernet.TYPE_LLDP, toBytes());
    }

    private static byte[] prefixed(int subtype, byte[] value) {
        byte[] v = new byte[1 + value.length];
        v[0] = (byte) subtype;
        System.arraycopy(value, 0, v, 1, value.length);
        return v;
    }

    private static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
        int head = type << 9 | value.length;
        out.write(head >>> 8);
        out.write(head);
        out.writeBytes(value);
    }
}
