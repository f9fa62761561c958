package org.weft.net.packet;

/** What a processor's fast step made of a packet-in ({@link PacketProcessor#processFast}). */
public enum FastVerdict {

    /** Nothing (more) to do for this processor: the next processor's fast step runs. */
    PASS,

    /** The processor handled the packet: no later processor sees it. */
    HANDLED,

    /**
     * The processor needs its full step ({@link PacketProcessor#process}): it and every processor
     * after it run on a packet-in worker, off the I/O thread.
     */
    SLOW
}
