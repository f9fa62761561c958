package org.weft.net.packet.parse;

import java.util.Optional;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;

/**
 * An ARP packet for IPv4 over Ethernet.
 *
 * @param opcode {@link #REQUEST} or {@link #REPLY} (others are kept as they come)
 * @param senderMac sender hardware address
 * @param senderIp sender protocol address (0.0.0.0 for probes)
 * @param targetMac target hardware address
 * @param targetIp target protocol address
 */
public record Arp(
        int opcode,
        MacAddress senderMac,
        Ip4Address senderIp,
        MacAddress targetMac,
        Ip4Address targetIp) {

    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    private static final int LEN = 28;

    /** Parses the payload of an ARP frame; empty for other frames or anything but IPv4/Ethernet. */
    public static Optional<Arp> parse(Ethernet eth) {
        byte[] b = eth.frame();
        int o = eth.payloadOffset();
        if (eth.ethType() != Ethernet.TYPE_ARP || !Bytes.has(b, o, LEN)) {
            return Optional.empty();
        }
        if (Bytes.u16(b, o) != 1
                || Bytes.u16(b, o + 2) != Ethernet.TYPE_IPV4
                || Bytes.u8(b, o + 4) != 6
                || Bytes.u8(b, o + 5) != 4) {
            return Optional.empty();
        }
        return Optional.of(
                new Arp(
                        Bytes.u16(b, o + 6),
                        MacAddress.of(b, o + 8),
                        Ip4Address.of(Bytes.s32(b, o + 14)),
                        MacAddress.of(b, o + 18),
                        Ip4Address.of(Bytes.s32(b, o + 24))));
    }

    /** The 28-byte ARP payload. */
    public byte[] toBytes() {
        byte[] b = new byte[LEN];
        Bytes.put16(b, 0, 1);
        Bytes.put16(b, 2, Ethernet.TYPE_IPV4);
        b[4] = 6;
        b[5] = 4;
        Bytes.put16(b, 6, opcode);
        System.arraycopy(senderMac.toBytes(), 0, b, 8, 6);
        Bytes.put32(b, 14, senderIp.value());
        System.arraycopy(targetMac.toBytes(), 0, b, 18, 6);
        Bytes.put32(b, 24, targetIp.value());
        return b;
    }
}
