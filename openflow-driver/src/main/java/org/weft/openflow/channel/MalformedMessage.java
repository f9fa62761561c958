package org.weft.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A complete frame that could not be decoded: the handler answers it with an OFPT_ERROR instead of
 * letting an exception escape.
 *
 * @param version the header's version byte
 * @param type the header's type byte
 * @param xid the header's transaction id
 * @param frame the raw bytes (at most the first 64 are kept)
 * @param reason why it could not be decoded
 */
public record MalformedMessage(int version, int type, long xid, byte[] frame, String reason) {

    /** A packet-in in another version than the channel's negotiated one. */
    static MalformedMessage wrongVersion(PacketIn pi, OFVersion negotiated) {
        return new MalformedMessage(
                pi.version().getWireVersion(),
                0,
                pi.xid(),
                new byte[0],
                "PACKET_IN in version " + pi.version() + " on a " + negotiated + " channel");
    }

    /** A message in another version than the channel's negotiated one. */
    static MalformedMessage wrongVersion(OFMessage m, OFVersion negotiated) {
        return new MalformedMessage(
                m.getVersion().getWireVersion(),
                0,
                m.getXid(),
                new byte[0],
                m.getType() + " in version " + m.getVersion() + " on a " + negotiated + " channel");
    }
}
