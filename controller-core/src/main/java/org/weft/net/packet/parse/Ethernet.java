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
        if (frame == null || frame.length < HEADER_LEN) {
            return Optional.empty();
        }
        MacAddress dst = MacAddress.of(frame, 0);
        MacAddress src = MacAddress.of(frame, 6);
        int type = Bytes.u16(frame, 12);
        int vlan = NO_VLAN;
        int offset = HEADER_LEN;
        if (type == TYPE_VLAN) {
            if (frame.length < HEADER_LEN + 4) {
                return Optional.empty();
            }
            vlan = Bytes.u16(frame, 14) & 0xfff;
            type = Bytes.u16(frame, 16);
            offset += 4;
        }
        return Optional.of(new Ethernet(dst, src, vlan, type, frame, offset));
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
