package org.weft.openflow.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The misbehaviour an {@link EmulatedSwitch} is told to show: silence (no echo replies), refused
 * flow-mods (all, or those of every nth batch), unanswered or held barriers. Written by the test's
 * thread, read by the switch's I/O thread.
 */
final class SwitchFaults {

    private volatile boolean silent;
    private volatile FlowModError rejectFlowMods;
    private volatile boolean barrierSilent;
    private volatile int rejectEveryNthBatch;
    private volatile FlowModError batchRejection;
    private boolean holding;
    private final List<Long> held = new ArrayList<>();

    boolean silent() {
        return silent;
    }

    void silent(boolean on) {
        silent = on;
    }

    boolean barrierSilent() {
        return barrierSilent;
    }

    void barrierSilent(boolean on) {
        barrierSilent = on;
    }

    void rejectFlowMods(FlowModError error) {
        rejectFlowMods = error;
    }

    void rejectEveryNthBatch(int n, FlowModError error) {
        if (n < 0) {
            throw new IllegalArgumentException("n " + n + " < 0");
        }
        batchRejection = error;
        rejectEveryNthBatch = n;
    }

    /** The error to refuse a flow-mod of batch number {@code batch} (from 0) with, or null. */
    FlowModError flowModRejection(long batch) {
        FlowModError all = rejectFlowMods;
        if (all != null) {
            return all;
        }
        int n = rejectEveryNthBatch;
        return n > 0 && batch % n == n - 1 ? batchRejection : null;
    }

    synchronized void holdBarriers(boolean on) {
        holding = on;
    }

    /** Keeps the barrier's xid to answer later, if barriers are held; false if not. */
    synchronized boolean hold(long xid) {
        if (holding) {
            held.add(xid);
        }
        return holding;
    }

    synchronized int heldCount() {
        return held.size();
    }

    /** Stops holding; the xids held so far, in order. */
    synchronized List<Long> release() {
        holding = false;
        List<Long> out = List.copyOf(held);
        held.clear();
        return out;
    }
}
