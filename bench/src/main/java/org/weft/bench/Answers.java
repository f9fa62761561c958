package org.weft.bench;

import java.nio.ByteBuffer;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * What counts as one packet-in answered, the same for every controller: a flow-mod carrying a
 * buffer id (it releases the buffered packet), or a packet-out (alone, or the second half of a
 * flow-mod + packet-out pair for an unbuffered packet-in). A flow-mod without a buffer id is not an
 * answer by itself: the packet-out that follows it completes the pair, so a pair counts once.
 * LLDP/BDDP packet-outs are the controller's discovery probes, not answers.
 */
final class Answers {

    /** Bytes at the end of a bench frame that carry its stamp ({@link HostFrames#stamped}). */
    static final int STAMP_BYTES = 8;

    private static final int ETH_TYPE_IPV4 = 0x0800;
    private static final int IP_PROTO_UDP = 17;

    /** Ethernet, IPv4 without options and a UDP header: a stamp lies beyond. */
    private static final int STAMPED_MIN_LENGTH = 14 + 20 + 8 + STAMP_BYTES;

    private static final int ETH_TYPE_LLDP = 0x88cc;
    private static final int ETH_TYPE_BDDP = 0x8942;

    /** How a message from the controller counts. */
    enum Kind {
        /** One packet-in answered. */
        ANSWER,
        /** A flow-mod without a buffer id: half of a pair, the packet-out completes it. */
        PAIR_HALF,
        /** An LLDP/BDDP packet-out. */
        PROBE,
        /** Anything else. */
        OTHER
    }

    private Answers() {}

    static Kind kind(OFMessage msg) {
        return switch (msg.getType()) {
            case FLOW_MOD ->
                    buffered(((OFFlowMod) msg).getBufferId()) ? Kind.ANSWER : Kind.PAIR_HALF;
            case PACKET_OUT -> isProbe((OFPacketOut) msg) ? Kind.PROBE : Kind.ANSWER;
            default -> Kind.OTHER;
        };
    }

    /**
     * The stamp of the bench frame a packet-out sends back (its last {@value #STAMP_BYTES} bytes,
     * {@link HostFrames#stamped}); -1 when the answer carries no stamped frame: a flow-mod, a
     * packet-out naming a buffer without data, a frame that is not the bench's UDP, or an unstamped
     * one (0).
     */
    static long stamp(OFMessage answer) {
        if (!(answer instanceof OFPacketOut po)) {
            return -1;
        }
        byte[] data = po.getData();
        if (data == null
                || data.length < STAMPED_MIN_LENGTH
                || ((data[12] & 0xff) << 8 | (data[13] & 0xff)) != ETH_TYPE_IPV4
                || (data[14 + 9] & 0xff) != IP_PROTO_UDP) {
            return -1;
        }
        long stamp = ByteBuffer.wrap(data).getLong(data.length - STAMP_BYTES);
        return stamp == 0 ? -1 : stamp;
    }

    static boolean isProbe(OFPacketOut po) {
        byte[] data = po.getData();
        if (data == null || data.length < 14) {
            return false;
        }
        int type = (data[12] & 0xff) << 8 | (data[13] & 0xff);
        return type == ETH_TYPE_LLDP || type == ETH_TYPE_BDDP;
    }

    private static boolean buffered(OFBufferId id) {
        return id != null && !id.equals(OFBufferId.NO_BUFFER);
    }
}
