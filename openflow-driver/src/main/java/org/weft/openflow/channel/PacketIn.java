package org.weft.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.PortNumber;
import org.weft.openflow.translate.OfPorts;

/**
 * A packet-in as the decoder hands it on: the fields Weft uses, read from the wire by {@link
 * PacketInReader} (or taken from Loxi's message for a frame that reader leaves to Loxi).
 *
 * @param version the message's version
 * @param xid the header's transaction id
 * @param bufferId the packet-in's {@code buffer_id}, an unsigned 32-bit value in an int's bits
 *     ({@code NO_BUFFER}, 0xffffffff: the switch sent the whole packet and holds none)
 * @param inPort the port it arrived on; null when the packet-in names none (an OF1.3 match without
 *     IN_PORT)
 * @param data the frame, starting at the Ethernet header (Weft's own copy)
 */
public record PacketIn(OFVersion version, long xid, int bufferId, PortNumber inPort, byte[] data) {

    /** The fields of a packet-in Loxi read. */
    static PacketIn of(OFPacketIn pi) {
        OFPort in =
                pi.getVersion() == OFVersion.OF_10
                        ? pi.getInPort()
                        : pi.getMatch().get(MatchField.IN_PORT);
        return new PacketIn(
                pi.getVersion(),
                pi.getXid(),
                pi.getBufferId().getInt(),
                in == null ? null : OfPorts.toCore(in),
                pi.getData());
    }
}
