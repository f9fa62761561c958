package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;

/**
 * A few reusable arrays, one per recent frame length, for a channel's packet-ins (see {@link
 * PacketIn}): steady traffic comes in a few lengths, so copying a frame out of the read buffer
 * allocates nothing. A length whose slot holds another length's array, or a frame longer than
 * {@link #MAX_REUSED}, gets a fresh array (kept in the slot when short enough). A channel keeps at
 * most {@link #SLOTS} arrays of at most {@link #MAX_REUSED} bytes.
 */
final class FrameArrays {

    /** The longest frame kept for reuse. */
    static final int MAX_REUSED = 2048;

    /** Arrays kept, by length modulo this. */
    static final int SLOTS = 8;

    private final byte[][] slots = new byte[SLOTS][];

    /** The {@code n} bytes at {@code from} in {@code in}, in the array kept for their length. */
    byte[] copy(ByteBuf in, int from, int n) {
        int slot = n & (SLOTS - 1);
        byte[] b = slots[slot];
        if (b == null || b.length != n) {
            b = new byte[n];
            if (n <= MAX_REUSED) {
                slots[slot] = b;
            }
        }
        in.getBytes(from, b);
        return b;
    }
}
