package org.weft.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.weft.openflow.translate.OfPorts;

/**
 * The OpenFlow 1.0 packet-ins of one switch's hosts ({@link HostFrames}), encoded once so that a
 * flooding switch only copies bytes: packet-in {@code h} carries frame {@code h}, unbuffered,
 * reason NO_MATCH, xid {@code h + 1}.
 */
final class PacketIns {

    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);

    private final byte[][] encoded;
    private final int maxLength;

    private PacketIns(byte[][] encoded) {
        this.encoded = encoded;
        int max = 0;
        for (byte[] e : encoded) {
            max = Math.max(max, e.length);
        }
        this.maxLength = max;
    }

    static PacketIns of(HostFrames frames) {
        byte[][] encoded = new byte[frames.size()][];
        ByteBuf buf = Unpooled.buffer();
        for (int h = 0; h < frames.size(); h++) {
            byte[] frame = frames.frame(h);
            buf.clear();
            OF10.buildPacketIn()
                    .setXid(h + 1L)
                    .setBufferId(OFBufferId.NO_BUFFER)
                    .setInPort(OfPorts.toOf(frames.inPort(h)))
                    .setReason(OFPacketInReason.NO_MATCH)
                    .setTotalLen(frame.length)
                    .setData(frame)
                    .build()
                    .writeTo(buf);
            encoded[h] = new byte[buf.readableBytes()];
            buf.readBytes(encoded[h]);
        }
        return new PacketIns(encoded);
    }

    int size() {
        return encoded.length;
    }

    /** The encoded packet-in of host {@code h}. */
    byte[] get(int h) {
        return encoded[h];
    }

    /** Length of the longest encoded packet-in. */
    int maxLength() {
        return maxLength;
    }
}
