package org.weft.health;

import java.util.List;
import org.weft.net.Dpid;

/**
 * The controller's health: UP when the OpenFlow listener is up and every internal queue is within
 * its bound, otherwise DEGRADED with the reasons.
 *
 * @param reasons why it is degraded (empty when up)
 * @param divergedSwitches connected switches whose tables differ from intent
 * @param failedBatchesLastMinute batches switches did not fully confirm in the last 60 s
 */
public record Health(
        List<String> reasons,
        int switchesConnected,
        List<Dpid> divergedSwitches,
        int failedBatchesLastMinute,
        List<QueueDepth> queues) {

    public Health {
        reasons = List.copyOf(reasons);
        divergedSwitches = List.copyOf(divergedSwitches);
        queues = List.copyOf(queues);
    }

    public boolean up() {
        return reasons.isEmpty();
    }
}
