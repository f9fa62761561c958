package org.weft.openflow.channel;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * How many switch handshakes the calling I/O thread is in the middle of. A handshake starts and
 * ends on its channel's event loop thread, so a count per thread is exact without sharing. Work
 * that could run on an I/O thread but need not (an app's packet processing) asks {@link
 * #nonePending()} first: while a switch on this thread waits for its next handshake step, nothing
 * of unbounded cost should run ahead of it.
 */
public final class IoThreadHandshakes {

    /**
     * Netty's thread-local: an indexed slot on its event loop threads, asked once per packet-in (a
     * JDK ThreadLocal's hash lookup was 3% of the I/O thread in a flood).
     */
    private static final FastThreadLocal<int[]> PENDING =
            new FastThreadLocal<>() {
                @Override
                protected int[] initialValue() {
                    return new int[1];
                }
            };

    private IoThreadHandshakes() {}

    static void started() {
        PENDING.get()[0]++;
    }

    static void ended() {
        PENDING.get()[0]--;
    }

    /** Handshakes under way on the calling thread. */
    public static int pending() {
        return PENDING.get()[0];
    }

    /** True when no handshake is under way on the calling thread. */
    public static boolean nonePending() {
        return pending() == 0;
    }
}
