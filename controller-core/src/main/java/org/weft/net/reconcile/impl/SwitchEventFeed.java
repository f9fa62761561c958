package org.weft.net.reconcile.impl;

import org.weft.net.Dpid;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.flow.BatchFailure;
import org.weft.net.flow.BatchFailureListener;

/**
 * The switch events the reconciler follows, on the thread that raises them: connects, disconnects,
 * requests a switch did not answer in time and batches it did not fully confirm. Each is folded
 * into the switch's pending entry ({@link SwitchEvents}); the first one pending queues one task
 * that handles all of them, so a burst of events costs the reconciler's executor one task.
 */
final class SwitchEventFeed implements DeviceListener, BatchFailureListener {

    private final SwitchEvents events;
    private final Runnable queueHandling;

    /**
     * @param queueHandling queues the task that takes and handles what is pending
     */
    SwitchEventFeed(SwitchEvents events, Runnable queueHandling) {
        this.events = events;
        this.queueHandling = queueHandling;
    }

    @Override
    public void event(DeviceEvent e) {
        Dpid dpid = e.subject().dpid();
        switch (e.type()) {
            case DEVICE_CONNECTED -> handleLater(events.connected(dpid));
            case DEVICE_DISCONNECTED -> handleLater(events.disconnected(dpid));
                // A switch that missed a barrier or stats reply may hold anything.
            case DEVICE_OUT_OF_SYNC -> handleLater(events.diverged(dpid, "a request timed out"));
            default -> {}
        }
    }

    @Override
    public void batchFailed(BatchFailure f) {
        handleLater(
                events.diverged(
                        f.dpid(), f.failed() + " operation(s) not confirmed (" + f.reason() + ")"));
    }

    private void handleLater(boolean first) {
        if (first) {
            queueHandling.run();
        }
    }
}
