package org.weft.openflow.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.weft.net.device.ChannelStats;

/** One channel's counters, from its first byte; read by REST and metrics from any thread. */
final class ChannelCounters {

    final LongAdder packetInsAdmitted = new LongAdder();
    final LongAdder packetInsDropped = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder readSuspensions = new LongAdder();
    final LongAdder requestTimeouts = new LongAdder();
    final SentMessages sent = new SentMessages();

    /**
     * The xid of the multipart reply last failed for growing past its limits, or -1: further parts
     * with it are skipped by the decoder unparsed (a switch streaming endless parts costs a header
     * read per part, not a decode).
     */
    volatile long abandonedMultipartXid = -1;

    ChannelStats snapshot(Channel channel) {
        return new ChannelStats(
                packetInsAdmitted.sum(),
                packetInsDropped.sum(),
                malformed.sum(),
                readSuspensions.sum(),
                requestTimeouts.sum(),
                outboundBytes(channel),
                sent.flowMods(),
                sent.groupMods(),
                sent.packetOuts());
    }

    /** Bytes queued for the channel and not yet written to its socket. */
    static long outboundBytes(Channel channel) {
        ChannelOutboundBuffer b = channel.unsafe().outboundBuffer();
        return b == null ? 0 : b.totalPendingWriteBytes();
    }
}
