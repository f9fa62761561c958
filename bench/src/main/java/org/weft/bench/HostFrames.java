package org.weft.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;

/**
 * The emulated hosts behind one switch and the frames they send, built once: host {@code h} has a
 * MAC and an IPv4 address unique over the whole run and sits on port {@code 1 + h % ports}; frame
 * {@code h} is a UDP-in-IPv4 packet from host {@code h} to a host of the same switch, on another
 * port when the switch has more than one (a learning switch does not send a packet back out of the
 * port it came in on: it would answer with a drop rule and no packet-out).
 */
final class HostFrames {

    private static final int UDP = 17;
    private static final byte[] UDP_PAYLOAD = new byte[26];

    private final byte[][] frames;
    private final PortNumber[] inPorts;
    private final MacAddress[] dsts;

    private HostFrames(byte[][] frames, PortNumber[] inPorts, MacAddress[] dsts) {
        this.frames = frames;
        this.inPorts = inPorts;
        this.dsts = dsts;
    }

    /**
     * @param switchIndex 0-based index of the switch in the run
     * @param hosts hosts behind the switch (at least 2)
     * @param ports host-facing ports of the switch (at least 1)
     */
    static HostFrames forSwitch(int switchIndex, int hosts, int ports) {
        checkArgument(hosts >= 2, "need at least 2 hosts per switch");
        checkArgument(ports >= 1, "need at least 1 port");
        checkArgument(hosts < (1 << 24), "at most 2^24 - 1 hosts per switch");
        checkArgument(switchIndex < (1 << 20), "at most 2^20 switches");
        byte[][] frames = new byte[hosts][];
        PortNumber[] inPorts = new PortNumber[hosts];
        MacAddress[] dsts = new MacAddress[hosts];
        for (int h = 0; h < hosts; h++) {
            int dst = (h + hosts / 2) % hosts;
            while (dst == h || (ports > 1 && hosts > ports && dst % ports == h % ports)) {
                dst = (dst + 1) % hosts;
            }
            byte[] ip =
                    new Ipv4(ip(switchIndex, h, hosts), ip(switchIndex, dst, hosts), UDP)
                            .toBytes(UDP_PAYLOAD);
            frames[h] =
                    Ethernet.build(
                            mac(switchIndex, dst),
                            mac(switchIndex, h),
                            Ethernet.NO_VLAN,
                            Ethernet.TYPE_IPV4,
                            ip);
            inPorts[h] = PortNumber.of(1 + h % ports);
            dsts[h] = mac(switchIndex, dst);
        }
        return new HostFrames(frames, inPorts, dsts);
    }

    /** Locally administered, unicast: 02:ss:ss:hh:hh:hh with a 20-bit switch index. */
    static MacAddress mac(int switchIndex, int host) {
        return MacAddress.of(0x020000000000L | ((long) (switchIndex + 1) << 24) | host);
    }

    /** Addresses from 10.0.0.0/8 (or above for very large runs), unique over the run. */
    static Ip4Address ip(int switchIndex, int host, int hosts) {
        return Ip4Address.of(0x0A000001 + switchIndex * hosts + host);
    }

    int size() {
        return frames.length;
    }

    byte[] frame(int host) {
        return frames[host];
    }

    /**
     * A copy of frame {@code host} carrying {@code stamp} (at least 1) in its last {@value
     * Answers#STAMP_BYTES} bytes, the end of its UDP payload (zero in the shared frames): a
     * controller's packet-out sends the frame back, so the generator can tell which packet-in an
     * answer is for ({@link Answers#stamp}).
     */
    byte[] stamped(int host, long stamp) {
        checkArgument(stamp > 0, "stamps start at 1");
        byte[] f = frames[host].clone();
        ByteBuffer.wrap(f).putLong(f.length - Answers.STAMP_BYTES, stamp);
        return f;
    }

    /** Destination MAC of frame {@code host}. */
    MacAddress dst(int host) {
        return dsts[host];
    }

    PortNumber inPort(int host) {
        return inPorts[host];
    }
}
