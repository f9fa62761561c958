package org.weft.net.packet.parse;

import java.util.Optional;
import org.weft.net.MacAddress;

/**
 * An Ethernet header, with the VLAN id of an 802.1Q tag when there is one. The frame is not copied:
 * {@link #payloadOffset()} says where the next header starts in {@link #frame()}.
 *
 * @param dst destination address
 * @param src source address
 * @param vlan the VLAN id of the outer 802.1Q tag, {@link #NO_VLAN} when untagged
 * @param ethType the type of the payload (after the tag, if any)
 * @param frame the whole frame (not copied; do not modify)
 * @param payloadOffset where the payload starts in {@code frame}
 */
public record Ethernet(
        MacAddress dst, MacAddress src, int vlan, int ethType, byte[] frame, int payloadOffset) {

    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_VLAN = 0x8100;
    public static final int TYPE_IPV6 = 0x86dd;
    public static final int TYPE_LLDP = 0x88cc;

    /** Marks an untagged frame. */
    public static final int NO_VLAN = -1;

    static final int HEADER_LEN = 14;

    /** Parses the header; empty when the frame is too short for one. */
    public static Optional<Ethernet> parse(byte[] frame) {
        int offset = payloadOffsetOf(frame);
        if (offset < 0) {
            return Optional.empty();
        }
        return Optional.of(
                new Ethernet(
                        MacAddress.of(dstOf(frame)),
                        MacAddress.of(srcOf(frame)),
                        vlanOf(frame),
                        typeOf(frame),
                        frame,
                        offset));
    }

    // The header read field by field, without objects (for the packet-in path, PacketContext);
    // each but payloadOffsetOf expects a frame that payloadOffsetOf accepted.

    /**
     * Where the payload of a frame starts ({@link #payloadOffset()}): after the 802.1Q tag when
     * there is one; -1 when the frame is too short for its header.
     */
    public static int payloadOffsetOf(byte[] frame) {
        if (frame == null || frame.length < HEADER_LEN) {
            return -1;
        }
        if (Bytes.u16(frame, 12) != TYPE_VLAN) {
            return HEADER_LEN;
        }
        return frame.length < HEADER_LEN + 4 ? -1 : HEADER_LEN + 4;
    }

    /** The destination address ({@link #dst()}'s value). */
    public static long dstOf(byte[] frame) {
        return Bytes.u48(frame, 0);
    }

    /** The source address ({@link #src()}'s value). */
    public static long srcOf(byte[] frame) {
        return Bytes.u48(frame, 6);
    }

    /** The VLAN id ({@link #vlan()}: {@link #NO_VLAN} when untagged). */
    public static int vlanOf(byte[] frame) {
        return Bytes.u16(frame, 12) == TYPE_VLAN ? Bytes.u16(frame, 14) & 0xfff : NO_VLAN;
    }

    /** The payload's type ({@link #ethType()}: after the tag, if any). */
    public static int typeOf(byte[] frame) {
        int type = Bytes.u16(frame, 12);
        return type == TYPE_VLAN ? Bytes.u16(frame, 16) : type;
    }

    public boolean isTagged() {
        return vlan != NO_VLAN;
    }

    public int payloadLength() {
        return frame.length - payloadOffset;
    }

    /** Builds a frame: header (tagged when {@code vlan} is not {@link #NO_VLAN}) then payload. */
    public static byte[] build(
            MacAddress dst, MacAddress src, int vlan, int ethType, byte[] payload) {
        int tag = vlan == NO_VLAN ? 0 : 4;
        byte[] f = new byte[HEADER_LEN + tag + payload.length];
        System.arraycopy(dst.toBytes(), 0, f, 0, 6);
        System.arraycopy(src.toBytes(), 0, f, 6, 6);
        int at = 12;
        if (tag != 0) {
            Bytes.put16(f, at, TYPE_VLAN);
            Bytes.put16(f, at + 2, vlan & 0xfff);
            at += 4;
        }
        Bytes.put16(f, at, ethType);
        System.arraycopy(payload, 0, f, at + 2, payload.length);
        return f;
    }
}
