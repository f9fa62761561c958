package org.weft.openflow.provider;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.packet.OutboundPacket;
import org.weft.openflow.translate.OfActions;
import org.weft.openflow.translate.OfPorts;
import org.weft.util.IdentityCache;

/**
 * Encodes packet-outs straight into a buffer, byte for byte what Loxi would write, with the actions
 * translated once per action list (keyed by the list object itself, weakly: a route's actions are
 * one list for as long as the plan holds it; read without allocating, {@link IdentityCache}) and
 * version. Bounded ({@link #MAX_LISTS}); thread-safe.
 */
final class PacketOutWriter {

    /** Action lists kept at most (see {@link IdentityCache} for which go beyond it). */
    static final int MAX_LISTS = 65_536;

    private static final byte[] NO_DATA = new byte[0];
    private static final int TYPE_PACKET_OUT = 13;

    /** Fixed part of a packet-out: header, buffer id, in port, actions length (and 1.3's pad). */
    static int fixedBytes(OFVersion v) {
        return v == OFVersion.OF_10 ? 16 : 24;
    }

    private record Encoded(OFVersion version, byte[] actions) {}

    private final IdentityCache<List<FlowAction>, Encoded> cache = new IdentityCache<>(MAX_LISTS);

    /** Room for the fixed part and a few output actions: a start size for the buffer. */
    static final int SMALL_ACTIONS_BYTES = 64;

    /**
     * Writes the packet-out (a named buffer is the packet: no data then).
     *
     * @throws IllegalArgumentException or {@link UnsupportedOperationException} when the actions
     *     cannot be translated for the switch
     */
    void write(ByteBuf out, OFFactory f, OutboundPacket p, long xid) {
        write(out, f, p.inPort(), p.actions(), p.data(), p.bufferId(), xid);
    }

    /** As {@link #write(ByteBuf, OFFactory, OutboundPacket, long)}, from the packet-out's parts. */
    void write(
            ByteBuf out,
            OFFactory f,
            PortNumber inPort,
            List<FlowAction> actionList,
            byte[] frame,
            OptionalInt bufferId,
            long xid) {
        OFVersion v = f.getVersion();
        byte[] actions = actions(f, actionList);
        byte[] data = bufferId.isPresent() ? NO_DATA : frame;
        int length = fixedBytes(v) + actions.length + data.length;
        out.writeByte(v.getWireVersion());
        out.writeByte(TYPE_PACKET_OUT);
        out.writeShort(length);
        out.writeInt((int) xid);
        out.writeInt(bufferId.isPresent() ? bufferId.getAsInt() : OFBufferId.NO_BUFFER.getInt());
        OFPort in = OfPorts.toOf(inPort);
        if (v == OFVersion.OF_10) {
            in.write2Bytes(out);
            out.writeShort(actions.length);
        } else {
            in.write4Bytes(out);
            out.writeShort(actions.length);
            out.writeZero(6);
        }
        out.writeBytes(actions);
        out.writeBytes(data);
    }

    /** The actions' wire bytes, as Loxi writes them in a packet-out. */
    private byte[] actions(OFFactory f, List<FlowAction> list) {
        Encoded e = cache.getIfPresent(list);
        if (e == null || e.version() != f.getVersion()) {
            ByteBuf tmp = Unpooled.buffer();
            f.buildPacketOut()
                    .setXid(0)
                    .setBufferId(OFBufferId.NO_BUFFER)
                    .setInPort(OFPort.CONTROLLER)
                    .setActions(OfActions.toOf(f, list))
                    .setData(NO_DATA)
                    .build()
                    .writeTo(tmp);
            byte[] all = ByteBufUtil.getBytes(tmp);
            byte[] actions = new byte[all.length - fixedBytes(f.getVersion())];
            System.arraycopy(all, fixedBytes(f.getVersion()), actions, 0, actions.length);
            e = new Encoded(f.getVersion(), actions);
            cache.put(list, e);
        }
        return e.actions();
    }
}
