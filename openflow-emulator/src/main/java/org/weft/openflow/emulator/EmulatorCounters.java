package org.weft.openflow.emulator;

import java.util.concurrent.atomic.LongAdder;

/** What an emulated switch received, counted (always on, cheap enough for load generation). */
public final class EmulatorCounters {
    public final LongAdder flowMods = new LongAdder();
    public final LongAdder groupMods = new LongAdder();

    /** Writes (flow-mods, group-mods, packet-outs...) refused because their connection is SLAVE. */
    public final LongAdder slaveWritesRefused = new LongAdder();

    public final LongAdder packetOuts = new LongAdder();
    public final LongAdder barriers = new LongAdder();
    public final LongAdder echoRequests = new LongAdder();
    public final LongAdder errors = new LongAdder();
}
