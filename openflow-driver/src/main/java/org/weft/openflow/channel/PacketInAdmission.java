package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.util.AttributeKey;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.weft.openflow.OfLimits.PacketInLimits;

/**
 * A switch's packet-in admission, decided on the raw frame before Loxi parses it: a main token
 * bucket for every packet-in, and a reserve that only LLDP and ARP may draw on once the main bucket
 * is empty, so discovery and host learning survive a flood. What is refused is counted and never
 * parsed. One per channel, on its event loop.
 */
final class PacketInAdmission {

    static final int TYPE_PACKET_IN = 10;

    /**
     * Set on a switch's channel by whoever queues its packet-ins for the apps ({@link
     * OfSwitch#watchPacketInBacklog}): true while that queue is full.
     */
    static final AttributeKey<BooleanSupplier> BACKLOG_FULL =
            AttributeKey.valueOf("weft.packetInBacklogFull");

    private static final int ETH_TYPE_LLDP = 0x88cc;
    private static final int ETH_TYPE_ARP = 0x0806;
    private static final int ETH_TYPE_VLAN = 0x8100;
    private static final int ETH_TYPE_QINQ = 0x88a8;

    /** OF1.0 packet-in: header(8) buffer_id(4) total_len(2) in_port(2) reason(1) pad(1). */
    private static final int OF10_DATA_OFFSET = 18;

    /** OF1.3+ packet-in: header(8) buffer_id(4) total_len(2) reason(1) table(1) cookie(8). */
    private static final int OF13_MATCH_OFFSET = 24;

    private final TokenBucket main;
    private final TokenBucket reserve;
    private final LongSupplier nanoClock;
    private final ChannelCounters counters;
    private boolean droppedSinceAsked;

    PacketInAdmission(PacketInLimits limits, LongSupplier nanoClock, ChannelCounters counters) {
        long now = nanoClock.getAsLong();
        this.main = new TokenBucket(limits.ratePerSecond(), limits.burst(), now);
        this.reserve = new TokenBucket(limits.reservedRatePerSecond(), limits.reservedBurst(), now);
        this.nanoClock = nanoClock;
        this.counters = counters;
    }

    /**
     * Whether the complete OpenFlow frame at {@code start} (a packet-in) may be parsed; counts the
     * answer.
     */
    boolean admit(ByteBuf in, int start, int length) {
        long now = nanoClock.getAsLong();
        boolean ok =
                main.tryTake(now) || (isDiscoveryOrArp(in, start, length) && reserve.tryTake(now));
        (ok ? counters.packetInsAdmitted : counters.packetInsDropped).increment();
        droppedSinceAsked |= !ok;
        return ok;
    }

    /**
     * Refuses a packet-in unparsed because the apps' queue for this switch is full (it would be
     * dropped after parsing anyway); counted as dropped, and reading pauses like for the bucket.
     */
    boolean refuseForBacklog() {
        counters.packetInsDropped.increment();
        droppedSinceAsked = true;
        return false;
    }

    /** The channel's counters (shared with the decoder). */
    ChannelCounters counters() {
        return counters;
    }

    /** Whether a packet-in was dropped since the last time this was asked. */
    boolean droppedSinceAsked() {
        boolean d = droppedSinceAsked;
        droppedSinceAsked = false;
        return d;
    }

    /** Whether the packet-in carries an LLDP or ARP frame (read from the raw bytes). */
    static boolean isDiscoveryOrArp(ByteBuf in, int start, int length) {
        int data = dataOffset(in, start, length);
        if (data < 0) {
            return false;
        }
        int typeAt = start + data + 12;
        int end = start + length;
        if (typeAt + 2 > end) {
            return false;
        }
        int type = in.getUnsignedShort(typeAt);
        while ((type == ETH_TYPE_VLAN || type == ETH_TYPE_QINQ) && typeAt + 6 <= end) {
            typeAt += 4;
            type = in.getUnsignedShort(typeAt);
        }
        return type == ETH_TYPE_LLDP || type == ETH_TYPE_ARP;
    }

    /** Offset of the Ethernet frame inside the packet-in, or -1 if the header is impossible. */
    private static int dataOffset(ByteBuf in, int start, int length) {
        int version = in.getUnsignedByte(start);
        if (version == 1) {
            return OF10_DATA_OFFSET;
        }
        if (length < OF13_MATCH_OFFSET + 4) {
            return -1;
        }
        int matchLength = in.getUnsignedShort(start + OF13_MATCH_OFFSET + 2);
        int padded = (matchLength + 7) / 8 * 8;
        return OF13_MATCH_OFFSET + padded + 2;
    }
}
