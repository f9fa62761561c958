package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.LongAdder;

/**
 * OpenFlow messages written to switches, by type. Counted from the encoded bytes on their way to
 * the socket, so every path counts alike: batches, single messages and answers re-asserted from
 * cached bytes. Read by REST and metrics from any thread.
 */
public final class SentMessages {

    /**
     * OFPT_PACKET_OUT, OFPT_FLOW_MOD and OFPT_GROUP_MOD: the same codes in OpenFlow 1.0 and 1.3.
     */
    static final int PACKET_OUT = 13;

    static final int FLOW_MOD = 14;
    static final int GROUP_MOD = 15;

    private static final int HEADER_BYTES = 8;

    private final LongAdder flowMods = new LongAdder();
    private final LongAdder groupMods = new LongAdder();
    private final LongAdder packetOuts = new LongAdder();

    public long flowMods() {
        return flowMods.sum();
    }

    public long groupMods() {
        return groupMods.sum();
    }

    public long packetOuts() {
        return packetOuts.sum();
    }

    /**
     * Counts the messages in {@code b}'s readable bytes (whole messages, as Weft writes them) into
     * {@code channel} and {@code total}; does not move the reader index. Stops at a length that
     * cannot be a message's (never written by Weft's encoders).
     */
    static void count(ByteBuf b, SentMessages channel, SentMessages total) {
        int i = b.readerIndex();
        int end = b.writerIndex();
        int flow = 0;
        int group = 0;
        int out = 0;
        while (end - i >= HEADER_BYTES) {
            int type = b.getUnsignedByte(i + 1);
            int length = b.getUnsignedShort(i + 2);
            if (length < HEADER_BYTES) {
                break;
            }
            switch (type) {
                case FLOW_MOD -> flow++;
                case GROUP_MOD -> group++;
                case PACKET_OUT -> out++;
                default -> {}
            }
            i += length;
        }
        channel.add(flow, group, out);
        total.add(flow, group, out);
    }

    private void add(int flow, int group, int out) {
        if (flow > 0) {
            flowMods.add(flow);
        }
        if (group > 0) {
            groupMods.add(group);
        }
        if (out > 0) {
            packetOuts.add(out);
        }
    }
}
